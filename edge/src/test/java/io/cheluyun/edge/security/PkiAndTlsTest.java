package io.cheluyun.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development PKI, PEM files, and TLS with client certificates over real loopback sockets. */
class PkiAndTlsTest {

    @TempDir
    Path dir;

    @Test
    void pemWriteThenReadGivesTheSameCredential() throws Exception {
        Path cert = dir.resolve("obu-1.crt");
        Path key = dir.resolve("obu-1.key");
        Pki.write(TestPki.OBU_1, cert, key);

        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----"); // PKCS#8
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Pki.Credential read = Pki.read(cert, key);
        assertThat(read.chain()).hasSize(2);
        assertThat(read.certificate().getEncoded()).isEqualTo(TestPki.OBU_1.certificate().getEncoded());
        assertThat(read.chain().get(1).getEncoded()).isEqualTo(TestPki.CA.certificate().getEncoded());
        assertThat(read.privateKey().getEncoded()).isEqualTo(TestPki.OBU_1.privateKey().getEncoded());
        // the key read back signs for the certificate read back
        MessageSigner signer = MessageSigner.create(read);
        assertThat(TestPki.verifier().verify(signer.sign(new byte[] {1}, 0x20, SecuredMessage.NO_TIME),
                SignatureVerifier.NO_NOW).status()).isEqualTo(SignatureVerifier.Status.VALID);
    }

    @Test
    void sm2CredentialSurvivesPem() throws Exception {
        Path cert = dir.resolve("rsu.crt");
        Path key = dir.resolve("rsu.key");
        Pki.write(TestPki.RSU_SM2, cert, key);
        Pki.Credential read = Pki.read(cert, key);
        assertThat(read.certificate().getEncoded()).isEqualTo(TestPki.RSU_SM2.certificate().getEncoded());
        MessageSigner signer = MessageSigner.create(read);
        assertThat(signer.algorithm()).isEqualTo(SigningAlgorithm.SM2);
        assertThat(TestPki.verifier().verify(signer.sign(new byte[] {1}, 0x20, SecuredMessage.NO_TIME),
                SignatureVerifier.NO_NOW).status()).isEqualTo(SignatureVerifier.Status.VALID);
    }

    /** A throw-away key from {@code openssl ecparam -genkey -name prime256v1 -noout} (RFC 5915 form). */
    private static final String OPENSSL_EC_KEY = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIFP/8EBwpGcsrvjCMjbj14B/ykfH/m3y54yveKx3WYEWoAoGCCqGSM49
            AwEHoUQDQgAE1ecpQxNCBJghQgUkYEt/pJRe4tah5gacT+QFs0r5q754tWxLtRWt
            9kFXNqjUCN+aw+SUzbUm5fG5l7HMWL7DXA==
            -----END EC PRIVATE KEY-----
            """;

    @Test
    void readsOpenSslStyleEcPrivateKeysToo() {
        java.security.PrivateKey key = Pki.parsePrivateKey(OPENSSL_EC_KEY);
        assertThat(key).isInstanceOf(java.security.interfaces.ECPrivateKey.class);
        assertThat(((java.security.interfaces.ECPrivateKey) key).getS()).isEqualTo(new java.math.BigInteger(
                "53fff04070a4672caef8c23236e3d7807fca47c7fe6df2e78caf78ac77598116", 16)); // openssl pkey -text
    }

    @Test
    void unreadablePemIsAnErrorNamingTheFile() throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "nothing here\n");
        assertThatThrownBy(() -> Pki.readCertificates(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem").hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> Pki.readPrivateKey(empty)).hasMessageContaining("no PEM private key");
    }

    @Test
    void issuedCertificatesChainToTheCaWithTheirPurpose() throws Exception {
        X509Certificate server = TestPki.SERVER.certificate();
        server.verify(TestPki.CA.certificate().getPublicKey());
        assertThat(server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        X509Certificate client = TestPki.OBU_1.certificate();
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(TestPki.CA.certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(TestPki.RSU_SM2.certificate().getSigAlgName()).containsIgnoringCase("ECDSA"); // P-256 CA signs
        Pki.Credential sm2Ca = Pki.newCa("SM2 CA", Duration.ofDays(1), SigningAlgorithm.SM2);
        assertThat(Pki.issueClient(sm2Ca, "obu-cn", Duration.ofDays(1), SigningAlgorithm.SM2).certificate()
                .getSigAlgName()).containsIgnoringCase("SM2");
    }

    @Test
    void deviceIdIsTheSubjectCommonName() {
        assertThat(CertificateIdentity.deviceId(TestPki.OBU_1.certificate())).contains("obu-1");
        assertThat(CertificateIdentity.deviceId(Pki.issueClient(TestPki.CA, "rsu,7 \"east\"", Duration.ofDays(1))
                .certificate())).contains("rsu,7 \"east\"");
        assertThat(CertificateIdentity.deviceId(TestPki.CA.certificate())).contains("Cheluyun test CA");
    }

    @Test
    void mutualTlsIdentifiesTheClientDevice() throws Exception {
        Handshake h = handshake(TlsContexts.ClientAuth.NEED, TlsContexts.client(TestPki.OBU_1,
                List.of(TestPki.CA.certificate())));
        assertThat(h.serverError()).isNull();
        assertThat(h.clientError()).isNull();
        assertThat(h.deviceSeenByServer()).isEqualTo("obu-1");
        assertThat(h.clientRead()).isEqualTo("obu-1");
    }

    @Test
    void requiredClientAuthRefusesAClientWithoutCertificate() throws Exception {
        Handshake h = handshake(TlsContexts.ClientAuth.NEED, TlsContexts.client(null,
                List.of(TestPki.CA.certificate())));
        assertThat(h.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(h.clientError()).isInstanceOf(IOException.class);
        assertThat(h.clientRead()).isNull();
    }

    @Test
    void requiredClientAuthRefusesACertificateFromAnotherCa() throws Exception {
        Pki.Credential foreign = Pki.issueClient(TestPki.OTHER_CA, "obu-1", Duration.ofDays(1));
        Handshake h = handshake(TlsContexts.ClientAuth.NEED, TlsContexts.client(foreign,
                List.of(TestPki.CA.certificate())));
        assertThat(h.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(h.clientError()).isInstanceOf(IOException.class);
        assertThat(h.clientRead()).isNull();
    }

    @Test
    void optionalClientAuthLetsAClientWithoutCertificateInAnonymously() throws Exception {
        Handshake h = handshake(TlsContexts.ClientAuth.WANT, TlsContexts.client(null,
                List.of(TestPki.CA.certificate())));
        assertThat(h.serverError()).isNull();
        assertThat(h.deviceSeenByServer()).isEqualTo("-");
        assertThat(h.clientRead()).isEqualTo("-");
    }

    @Test
    void clientRefusesAServerItsCaDidNotIssue() throws Exception {
        Handshake h = handshake(TlsContexts.ClientAuth.NONE, TlsContexts.client(null,
                List.of(TestPki.OTHER_CA.certificate())));
        assertThat(h.clientError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(h.serverError()).isInstanceOf(IOException.class);
    }

    @Test
    void contextsLoadFromPemFiles() throws Exception {
        Path serverCrt = dir.resolve("server.crt");
        Path serverKey = dir.resolve("server.key");
        Path ca = dir.resolve("ca.crt");
        Pki.write(TestPki.SERVER, serverCrt, serverKey);
        Files.writeString(ca, Pki.pem(TestPki.CA.chain()));
        Path clientCrt = dir.resolve("client.crt");
        Path clientKey = dir.resolve("client.key");
        Pki.write(TestPki.OBU_2, clientCrt, clientKey);

        Handshake h = handshake(TlsContexts.server(serverCrt, serverKey, ca), TlsContexts.ClientAuth.NEED,
                TlsContexts.client(clientCrt, clientKey, ca));
        assertThat(h.serverError()).isNull();
        assertThat(h.deviceSeenByServer()).isEqualTo("obu-2");
        assertThat(TlsContexts.ClientAuth.of(" Need ")).isEqualTo(TlsContexts.ClientAuth.NEED);
        assertThatThrownBy(() -> TlsContexts.ClientAuth.of("maybe")).hasMessageContaining("edge.tls.clientAuth");
    }

    /** What each side saw: the server writes back the device id it mapped ("-" for none). */
    private record Handshake(String deviceSeenByServer, Throwable serverError, String clientRead,
                             Throwable clientError) {
    }

    private static Handshake handshake(TlsContexts.ClientAuth auth, SSLContext client) throws Exception {
        return handshake(TlsContexts.server(TestPki.SERVER, List.of(TestPki.CA.certificate())), auth, client);
    }

    private static Handshake handshake(SSLContext server, TlsContexts.ClientAuth auth, SSLContext client)
            throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            listener.setSSLParameters(TlsContexts.serverParameters(server, auth));
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(2_000);
                    s.startHandshake();
                    String id = CertificateIdentity.deviceId(s.getSession()).orElse("-");
                    s.getOutputStream().write((id + "\n").getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    return id;
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            String read = null;
            Throwable clientError = null;
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 2_000);
                // layered so the client checks the name "localhost" against the server certificate
                try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost",
                        listener.getLocalPort(), true)) {
                    s.setSSLParameters(TlsContexts.clientParameters(client));
                    s.setSoTimeout(2_000);
                    s.startHandshake();
                    // TLS 1.3: the server judges the client certificate after the client's handshake is done, so a
                    // refusal shows on the first read
                    read = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                }
            } catch (IOException e) {
                clientError = e;
            }
            String seen = null;
            Throwable serverError = null;
            try {
                seen = serverSide.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                serverError = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            }
            if (clientError == null && read == null) {
                clientError = new IOException("connection closed without data");
            }
            return new Handshake(seen, serverError, read, clientError);
        }
    }
}
