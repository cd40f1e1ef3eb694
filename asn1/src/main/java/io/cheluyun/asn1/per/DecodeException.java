package io.cheluyun.asn1.per;

/**
 * Malformed or hostile input met while decoding Unaligned PER: the only exception a decoder lets escape for bad
 * input (a programming error such as {@code lb > ub} is an {@link IllegalArgumentException} instead).
 *
 * <p>The message reads {@code "<path>: <detail> at bit N (byte N/8)"}, where the path is absent until a generated
 * decoder adds field names on the way out with {@link #withContext(String)}. The bit offset counts from the first bit
 * of the outermost message, also for errors inside an open type read as a view (see {@link BitReader#readOpenType()}).
 * Nothing here runs on the success path: the message is only formatted when an exception is built.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String path;
    private final long bitOffset;

    /**
     * @param message   what was being read and what was wrong with it, e.g. {@code "constrained whole number
     *                  0..8191: value 9000 above 8191"}
     * @param bitOffset offset of the offending item from the start of the message, in bits
     */
    public DecodeException(String message, long bitOffset) {
        this(message, null, bitOffset);
    }

    /**
     * @param message   as for {@link #DecodeException(String, long)}
     * @param path      dotted field path of the item, e.g. {@code "BasicSafetyMessage.coreData.speed"}; may be null
     * @param bitOffset offset of the offending item from the start of the message, in bits
     */
    public DecodeException(String message, String path, long bitOffset) {
        super(format(message, path, bitOffset));
        this.detail = message;
        this.path = path;
        this.bitOffset = bitOffset;
    }

    private static String format(String message, String path, long bitOffset) {
        String located = message + " at bit " + bitOffset + " (byte " + (bitOffset >>> 3) + ")";
        return path == null ? located : path + ": " + located;
    }

    /** Offset of the offending item from the first bit of the message. */
    public long bitOffset() {
        return bitOffset;
    }

    /** The field path added by {@link #withContext(String)}, or null if none was added. */
    public String path() {
        return path;
    }

    /** The message without path and position. */
    public String detail() {
        return detail;
    }

    /**
     * The same error with {@code fieldPath} prepended to its path, for decoders that catch and rethrow at each level
     * on the way out: {@code "speed"}, then {@code "coreData"}, then {@code "BasicSafetyMessage"} give
     * {@code "BasicSafetyMessage.coreData.speed"}. A path element starting with {@code '['} (a list index) is joined
     * without a dot, giving {@code "items[3].speed"}. The new exception keeps the original stack trace, so the trace
     * still points at the read that failed.
     *
     * @param fieldPath one field name or a dotted path; null or empty returns this exception unchanged
     */
    public DecodeException withContext(String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return this;
        }
        String joined;
        if (path == null || path.isEmpty()) {
            joined = fieldPath;
        } else if (path.charAt(0) == '[') {
            joined = fieldPath + path;
        } else {
            joined = fieldPath + "." + path;
        }
        DecodeException e = new DecodeException(detail, joined, bitOffset);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
