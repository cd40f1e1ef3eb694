package io.cheluyun.edge.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.IPAddress;

/**
 * A development PKI: a CA (P-256, or SM2), server certificates for the MQTT and HTTPS listeners, client
 * certificates for devices (CN = device id, the name {@link CertificateIdentity} maps back), PEM in and out
 * (certificates; private keys as unencrypted PKCS#8). For tests, the demo and {@code ./cheluyun}; a deployment
 * brings its own PKI and only reads PEM here.
 *
 * <p>P-256 keys and certificates are JDK objects (SunEC), so the JDK's TLS takes them; SM2 keys and certificates
 * need BouncyCastle, used as an explicit provider instance (never installed globally).
 *
 * <p>Stateless and thread-safe.
 */
public final class Pki {

    /** BouncyCastle for SM2 and SM3: passed explicitly, not registered with {@link java.security.Security}. */
    static final Provider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Back-dating of notBefore: a freshly issued certificate is valid on hosts whose clocks run a little behind. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private Pki() {
    }

    /**
     * A private key and its certificate chain.
     *
     * @param privateKey the key
     * @param chain      the certificate first, then its issuers up to the CA (the CA alone for a CA)
     */
    public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

        public Credential {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a credential needs its certificate");
            }
        }

        public X509Certificate certificate() {
            return chain.getFirst();
        }
    }

    /** A fresh key pair: P-256 (secp256r1, from the JDK) or SM2 (sm2p256v1, from BouncyCastle). */
    public static KeyPair generateKeyPair(SigningAlgorithm algorithm) {
        try {
            KeyPairGenerator g = switch (algorithm) {
                case ECDSA_P256 -> KeyPairGenerator.getInstance("EC");
                case SM2 -> KeyPairGenerator.getInstance("EC", BC);
            };
            g.initialize(new ECGenParameterSpec(algorithm == SigningAlgorithm.SM2 ? "sm2p256v1" : "secp256r1"),
                    RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    /** A self-signed P-256 CA. */
    public static Credential newCa(String commonName, Duration validity) {
        return newCa(commonName, validity, SigningAlgorithm.ECDSA_P256);
    }

    /** A self-signed CA with a P-256 or SM2 key (SM2 CAs sign with SM3withSM2; the JDK's TLS cannot use them). */
    public static Credential newCa(String commonName, Duration validity, SigningAlgorithm keyAlgorithm) {
        KeyPair pair = generateKeyPair(keyAlgorithm);
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, validity, pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new Credential(pair.getPrivate(), List.of(sign(b, pair.getPrivate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create CA " + commonName, e);
        }
    }

    /**
     * A P-256 TLS server certificate: EKU serverAuth, subject alternative names for each host name (IP literals
     * as iPAddress, the rest as dNSName).
     */
    public static Credential issueServer(Credential ca, String commonName, List<String> hostNames,
                                         Duration validity) {
        List<GeneralName> names = new ArrayList<>();
        for (String h : hostNames) {
            names.add(IPAddress.isValid(h) ? new GeneralName(GeneralName.iPAddress, h)
                    : new GeneralName(GeneralName.dNSName, h));
        }
        return issue(ca, commonName, validity, SigningAlgorithm.ECDSA_P256, KeyPurposeId.id_kp_serverAuth,
                names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    /** A server certificate for this host: SAN localhost, 127.0.0.1 and ::1. */
    public static Credential issueLocalServer(Credential ca, Duration validity) {
        return issueServer(ca, "localhost", List.of("localhost", "127.0.0.1", "::1"), validity);
    }

    /** A P-256 client certificate for a device: CN = device id, EKU clientAuth; its key can also sign messages. */
    public static Credential issueClient(Credential ca, String deviceId, Duration validity) {
        return issueClient(ca, deviceId, validity, SigningAlgorithm.ECDSA_P256);
    }

    /** A device certificate with a P-256 or SM2 key (SM2: for message signing only, the JDK's TLS lacks it). */
    public static Credential issueClient(Credential ca, String deviceId, Duration validity,
                                         SigningAlgorithm keyAlgorithm) {
        return issue(ca, deviceId, validity, keyAlgorithm, KeyPurposeId.id_kp_clientAuth, null);
    }

    private static Credential issue(Credential ca, String commonName, Duration validity,
                                    SigningAlgorithm keyAlgorithm, KeyPurposeId purpose, GeneralNames san) {
        KeyPair pair = generateKeyPair(keyAlgorithm);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509Certificate caCert = ca.certificate();
            X509v3CertificateBuilder b = builder(X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
                    name(commonName), validity, pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(caCert));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(sign(b, ca.privateKey()));
            chain.addAll(ca.chain());
            return new Credential(pair.getPrivate(), chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    private static X500Name name(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Cheluyun").addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Duration validity,
                                                    KeyPair pair) {
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE); // positive, RFC 5280 4.1.2.2
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(CLOCK_SKEW)),
                Date.from(now.plus(validity)), subject, pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            boolean sm2 = GMObjectIdentifiers.sm2p256v1.equals(
                    PrivateKeyInfo.getInstance(issuerKey.getEncoded()).getPrivateKeyAlgorithm().getParameters());
            ContentSigner signer = (sm2 ? new JcaContentSignerBuilder("SM3withSM2").setProvider(BC)
                    : new JcaContentSignerBuilder("SHA256withECDSA")).build(issuerKey);
            return certificate(b.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate: " + e.getMessage(), e);
        }
    }

    /** A JDK certificate object when the JDK can parse it (P-256), else BouncyCastle's (SM2 keys). */
    private static X509Certificate certificate(X509CertificateHolder holder) throws CertificateException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        }
    }

    // --------------------------------------------------------------------------------------------------- PEM

    /** The certificates as PEM, in order. */
    public static String pem(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public static String pem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the chain and the key; the key file is made readable by its owner only where the file system has
     * POSIX permissions.
     */
    public static void write(Credential credential, Path certificateFile, Path privateKeyFile) {
        try {
            Files.writeString(certificateFile, pem(credential.chain()), StandardCharsets.US_ASCII);
            Files.writeString(privateKeyFile, pem(credential.privateKey()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): its ACLs are the operator's business
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + certificateFile + " / " + privateKeyFile, e);
        }
    }

    /** Reads a chain and a key written by {@link #write} (or any PEM certificate file and PKCS#8 key). */
    public static Credential read(Path certificateFile, Path privateKeyFile) {
        return new Credential(readPrivateKey(privateKeyFile), readCertificates(certificateFile));
    }

    /** Every certificate in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) {
        try {
            return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in PEM text, in order; other PEM objects are skipped. */
    public static List<X509Certificate> parseCertificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(certificate(h));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate found");
        }
        return out;
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The first private key in PEM text: PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's {@code EC PRIVATE KEY}. */
    public static PrivateKey parsePrivateKey(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                PrivateKeyInfo info = switch (o) {
                    case PrivateKeyInfo i -> i;
                    case PEMKeyPair kp -> kp.getPrivateKeyInfo();
                    case PKCS8EncryptedPrivateKeyInfo e -> throw new IllegalArgumentException(
                            "the private key is encrypted; give an unencrypted PKCS#8 key");
                    case PEMEncryptedKeyPair e -> throw new IllegalArgumentException(
                            "the private key is encrypted; give an unencrypted PKCS#8 key");
                    default -> null;
                };
                if (info != null) {
                    return privateKey(info);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PEM private key found");
    }

    /** A JDK key when the JDK knows the curve (P-256), else BouncyCastle's (SM2). */
    private static PrivateKey privateKey(PrivateKeyInfo info) throws PEMException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        }
    }
}
