package io.cheluyun.edge.security;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The certificates whose keys may sign V2X messages, each registered for one device, looked up by HashedId8 (the
 * {@code digest} signer) or by device (the {@code self} signer).
 *
 * <p>Registration parses the certificate's key once and keeps it with the certificate's hash for the signature
 * input, so a verification does no parsing. Bounded: at most {@code maxCertificates} in all and
 * {@link #MAX_PER_DEVICE} per device; registrations beyond are refused, never evicted (dropping a trusted signer to
 * make room would turn a full store into rejected traffic).
 *
 * <p>Thread-safe: lookups are lock-free map reads; register and unregister (rare, from the registry) serialise on
 * this object.
 */
public final class TrustStore {

    /**
     * Certificates per device: the current one, its successor during a rollover, and room for one more (a CA
     * re-issue). More suggests a registry mistake.
     */
    public static final int MAX_PER_DEVICE = 4;

    private static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
    private static final ASN1ObjectIdentifier SM2P256V1 = GMObjectIdentifiers.sm2p256v1;

    /** What a registration did. */
    public enum Registration {
        /** Now trusted. */
        ADDED,
        /** The same certificate was already registered for this device: nothing changed. */
        ALREADY_REGISTERED,
        /** The certificate's key is neither P-256 nor SM2 (sm2p256v1). */
        UNSUPPORTED_KEY,
        /** The certificate (or one with the same HashedId8) is registered for another device. */
        CONFLICT,
        /** The device already has {@link #MAX_PER_DEVICE} certificates. */
        DEVICE_FULL,
        /** The store holds {@code maxCertificates}. */
        STORE_FULL
    }

    /**
     * A registered certificate.
     *
     * @param deviceId    the device it belongs to
     * @param certificate the certificate
     * @param id          its HashedId8
     * @param algorithm   what its key signs with
     */
    public record TrustedSigner(String deviceId, X509Certificate certificate, HashedId8 id,
                                SigningAlgorithm algorithm) {
    }

    /**
     * A trusted signer with what verification needs, computed at registration.
     *
     * @param key             the public key point, parsed once (BouncyCastle caches its WNAF precomputation on it)
     * @param certificateHash H(certificate DER) with the algorithm's hash: the signer identifier input of 5.3.1
     */
    record Entry(TrustedSigner signer, ECPublicKeyParameters key, byte[] certificateHash, long notBeforeMicros,
                 long notAfterMicros) {
    }

    private final int maxCertificates;
    private final Map<HashedId8, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> byDevice = new ConcurrentHashMap<>();

    /**
     * @param maxCertificates at most this many certificates in all (≥ 1)
     */
    public TrustStore(int maxCertificates) {
        if (maxCertificates < 1) {
            throw new IllegalArgumentException("maxCertificates must be at least 1, got " + maxCertificates);
        }
        this.maxCertificates = maxCertificates;
    }

    /** Trusts {@code certificate}'s key to sign for {@code deviceId}. */
    public synchronized Registration register(String deviceId, X509Certificate certificate) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId must not be empty");
        }
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return Registration.UNSUPPORTED_KEY;
        }
        HashedId8 id = HashedId8.ofEncoded(der);
        Entry existing = byId.get(id);
        if (existing != null) {
            return existing.signer().deviceId().equals(deviceId) ? Registration.ALREADY_REGISTERED
                    : Registration.CONFLICT;
        }
        Entry entry = entry(deviceId, certificate, der, id);
        if (entry == null) {
            return Registration.UNSUPPORTED_KEY;
        }
        List<Entry> mine = byDevice.getOrDefault(deviceId, List.of());
        if (mine.size() >= MAX_PER_DEVICE) {
            return Registration.DEVICE_FULL;
        }
        if (byId.size() >= maxCertificates) {
            return Registration.STORE_FULL;
        }
        List<Entry> updated = new ArrayList<>(mine);
        updated.add(entry);
        byDevice.put(deviceId, List.copyOf(updated));
        byId.put(id, entry);
        return Registration.ADDED;
    }

    /** Stops trusting one certificate of a device; false if it was not registered for that device. */
    public synchronized boolean unregister(String deviceId, X509Certificate certificate) {
        HashedId8 id = HashedId8.of(certificate);
        Entry entry = byId.get(id);
        if (entry == null || !entry.signer().deviceId().equals(deviceId)) {
            return false;
        }
        byId.remove(id);
        List<Entry> remaining = byDevice.getOrDefault(deviceId, List.of()).stream()
                .filter(e -> !e.signer().id().equals(id)).toList();
        if (remaining.isEmpty()) {
            byDevice.remove(deviceId);
        } else {
            byDevice.put(deviceId, remaining);
        }
        return true;
    }

    /** Stops trusting every certificate of a device; returns how many there were. */
    public synchronized int unregister(String deviceId) {
        List<Entry> gone = byDevice.remove(deviceId);
        if (gone == null) {
            return 0;
        }
        gone.forEach(e -> byId.remove(e.signer().id()));
        return gone.size();
    }

    public Optional<TrustedSigner> lookup(HashedId8 id) {
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(e.signer());
    }

    /** The device's certificates, in registration order. */
    public List<TrustedSigner> ofDevice(String deviceId) {
        return byDevice.getOrDefault(deviceId, List.of()).stream().map(Entry::signer).toList();
    }

    public int size() {
        return byId.size();
    }

    public int maxCertificates() {
        return maxCertificates;
    }

    Entry entry(HashedId8 id) {
        return byId.get(id);
    }

    List<Entry> entries(String deviceId) {
        return byDevice.getOrDefault(deviceId, List.of());
    }

    /** A certificate's verification key, parsed. */
    record ParsedKey(SigningAlgorithm algorithm, ECPublicKeyParameters key) {
    }

    /**
     * The key of a DER certificate when it is on P-256 or sm2p256v1, else null. Read from the DER so a certificate
     * object of any provider works (the JDK cannot build SM2 keys).
     */
    static ParsedKey parseKey(byte[] der) {
        SubjectPublicKeyInfo spki;
        try {
            spki = org.bouncycastle.asn1.x509.Certificate.getInstance(der).getSubjectPublicKeyInfo();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm())
                || !(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return null;
        }
        SigningAlgorithm algorithm = curve.equals(P256) ? SigningAlgorithm.ECDSA_P256
                : curve.equals(SM2P256V1) ? SigningAlgorithm.SM2 : null;
        if (algorithm == null) {
            return null;
        }
        try {
            // the point is validated (on the curve, right order) as it is decoded
            return new ParsedKey(algorithm, (ECPublicKeyParameters) PublicKeyFactory.createKey(spki));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** Parses the key once; null when it is not P-256 or SM2. */
    private static Entry entry(String deviceId, X509Certificate certificate, byte[] der, HashedId8 id) {
        ParsedKey parsed = parseKey(der);
        if (parsed == null) {
            return null;
        }
        long notBefore = certificate.getNotBefore().getTime() * 1000;
        long notAfter = certificate.getNotAfter().getTime() * 1000;
        return new Entry(new TrustedSigner(deviceId, certificate, id, parsed.algorithm()), parsed.key(),
                SignatureInput.certificateHash(parsed.algorithm(), der), notBefore, notAfter);
    }
}
