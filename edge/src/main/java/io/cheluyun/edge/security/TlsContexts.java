package io.cheluyun.edge.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link SSLContext}s for the MQTT and WebSocket listeners and their clients, from PEM files or in-memory
 * credentials: a server that (optionally or necessarily) asks for client certificates chaining to the device CA,
 * and a client presenting a device certificate.
 *
 * <p>Whether the server asks for a client certificate is a property of the connection, not of the context: set it
 * with {@link #serverParameters} (or the transport's own switch, e.g. Jetty's {@code setNeedClientAuth}). Protocols
 * are limited to TLS 1.3 and 1.2 (RFC 8996 deprecates the older ones).
 *
 * <p>Stateless and thread-safe; the contexts it builds are thread-safe as the JDK's are.
 */
public final class TlsContexts {

    /** TLS versions offered: RFC 8996 retires TLS 1.0 and 1.1. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** In-memory key store password: the key never leaves memory through this store. */
    private static final char[] STORE_PASSWORD = "cheluyun-in-memory".toCharArray();

    private TlsContexts() {
    }

    /** Whether the server asks for a client certificate ({@code edge.tls.clientAuth}). */
    public enum ClientAuth {
        /** Not asked: devices authenticate with a token. */
        NONE,
        /** Asked; a client without one is let through to authenticate with a token. */
        WANT,
        /** Required: the handshake fails without a certificate chaining to the CA (mTLS only). */
        NEED;

        /** From the config value {@code none}, {@code want} or {@code need}. */
        public static ClientAuth of(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("edge.tls.clientAuth must be none, want or need, got " + name,
                        e);
            }
        }

        /** Sets the want/need flags on connection parameters. */
        public void applyTo(SSLParameters parameters) {
            parameters.setNeedClientAuth(this == NEED);
            if (this == WANT) {
                parameters.setWantClientAuth(true);
            }
        }
    }

    /**
     * A server context presenting {@code server}, validating client certificates against {@code clientCas} (PKIX,
     * no revocation check). An empty {@code clientCas} trusts no client certificate at all, never the JDK's public
     * CAs.
     */
    public static SSLContext server(Pki.Credential server, Collection<X509Certificate> clientCas) {
        return context(keyManagers(server).getKeyManagers(), trustManagers(clientCas));
    }

    /** A server context from PEM files; {@code ca} null: no client certificate is trusted. */
    public static SSLContext server(Path certificate, Path privateKey, Path ca) {
        return server(Pki.read(certificate, privateKey), ca == null ? List.of() : Pki.readCertificates(ca));
    }

    /**
     * A client context trusting servers whose certificate chains to {@code serverCas}, presenting {@code client}
     * (null: no client certificate).
     */
    public static SSLContext client(Pki.Credential client, Collection<X509Certificate> serverCas) {
        return context(client == null ? null : keyManagers(client).getKeyManagers(), trustManagers(serverCas));
    }

    /** A client context from PEM files; {@code certificate} and {@code privateKey} null: no client certificate. */
    public static SSLContext client(Path certificate, Path privateKey, Path ca) {
        return client(certificate == null ? null : Pki.read(certificate, privateKey), Pki.readCertificates(ca));
    }

    /** Key managers presenting one credential (its chain as given). */
    public static KeyManagerFactory keyManagers(Pki.Credential credential) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("credential", credential.privateKey(), STORE_PASSWORD,
                    credential.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            return kmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key of " + credential.certificate()
                    .getSubjectX500Principal() + " for TLS: " + e.getMessage(), e);
        }
    }

    /** PKIX trust managers anchored at exactly these CA certificates. */
    public static TrustManagerFactory trustManagers(Collection<X509Certificate> cas) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int n = 0;
            for (X509Certificate ca : cas) {
                ks.setCertificateEntry("ca-" + n++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** Server-side connection parameters: TLS 1.3/1.2 and the client-certificate request. */
    public static SSLParameters serverParameters(SSLContext context, ClientAuth clientAuth) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        clientAuth.applyTo(p);
        return p;
    }

    /**
     * Client-side connection parameters: TLS 1.3/1.2 and host name verification against the server certificate's
     * subject alternative names (RFC 2818 / RFC 6125 "HTTPS" rules; MQTT over TLS uses the same).
     */
    public static SSLParameters clientParameters(SSLContext context) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static SSLContext context(KeyManager[] keyManagers, TrustManagerFactory trust) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keyManagers, trust.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }
}
