package io.cheluyun.model;

/**
 * Globally unique intersection reference, as J2735 / CSAE 53 IntersectionReferenceID: an optional road regulator
 * (region) id, 0 when absent, and the intersection id within it (0..65535).
 */
public record IntersectionId(int regionId, int id) {

    public IntersectionId {
        if (regionId < 0 || regionId > 65535 || id < 0 || id > 65535) {
            throw new IllegalArgumentException("regionId and id must be within 0..65535, got " + regionId + "/" + id);
        }
    }

    @Override
    public String toString() {
        return regionId + "/" + id;
    }
}
