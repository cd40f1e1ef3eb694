package io.cheluyun.edge.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Maps a TLS client certificate to a registered device: the device id is the subject's common name (CN), as
 * {@link Pki#issueClient} writes it and as {@code Device.id} documents. A subject with no CN, several CNs or a
 * multi-valued CN RDN names no device (ambiguity is refused rather than guessed).
 *
 * <p>Stateless and thread-safe.
 */
public final class CertificateIdentity {

    private CertificateIdentity() {
    }

    /** The subject CN, or empty when there is not exactly one non-blank CN. */
    public static Optional<String> deviceId(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            return Optional.empty();
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        if (!(value instanceof ASN1String s) || s.getString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(s.getString());
    }

    /** The device of a TLS session's client certificate; empty when the peer sent none. */
    public static Optional<String> deviceId(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // client auth "want" and the client sent no certificate
        }
        return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? deviceId(leaf) : Optional.empty();
    }
}
