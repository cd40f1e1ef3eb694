package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.cheluyun.store.StoreConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer JWTs: a real HTTP JWKS endpoint (the provider's {@code jwks_uri}), tokens signed with its key are
 * accepted with the role their claim names (Keycloak's {@code realm_access.roles}); expired, foreign-issuer,
 * wrong-audience, wrongly signed and unsigned tokens are 401, a token without a Cheluyun role is 403.
 */
class JwtAuthTest {

    static final String ISSUER = "https://sso.example.cn/realms/its";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private RSAKey provider;
    private HttpServer jwks;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private Platform platform;
    private int port;

    @BeforeEach
    void start() throws Exception {
        provider = new RSAKeyGenerator(2048).keyID("its-2026").generate();
        byte[] keySet = new JWKSet(provider.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        jwks.start();
        StoreConfig d = StoreConfig.defaults();
        CheluyunConfig config = CheluyunConfig.defaults().withHttpPort(0).withStore(new StoreConfig(
                StoreConfig.h2File(dir.resolve("db").toString()), d.user(), d.password(), d.poolSize(),
                d.batchSize(), d.flushIntervalMs(), d.queueCapacity())).withAuth(new AuthConfig(new AuthConfig.Jwt(
                true, "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs", "", ISSUER, "cheluyun",
                "preferred_username", "realm_access.roles", "cheluyun-")));
        platform = new Platform(config, List.of(), System::nanoTime, Platform.StoreMode.REQUIRED);
        platform.start();
        port = platform.startHttp();
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        jwks.stop(0);
    }

    private String token(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String... roles) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("f3b1c2").audience("cheluyun")
                .claim("preferred_username", "li.wei").expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensOfTheProviderAreAcceptedWithTheirRoleAndEveryOtherTokenIsRefused() throws Exception {
        String operator = token(provider, claims("offline_access", "cheluyun-operator"));
        HttpResponse<String> me = call("GET", "/api/v1/me", operator, null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"jwt:li.wei\"").contains("\"role\":\"operator\"");
        assertThat(call("PUT", "/api/v1/devices/rsu-7", operator, """
                {"kind":"rsu","rsuId":"00000000000000a7","family":"csae53-2017",
                 "position":{"latDeg":43.84,"lonDeg":125.20},"rangeM":500}""").statusCode()).isEqualTo(201);
        assertThat(jwksFetches.get()).isEqualTo(1); // cached

        String viewer = token(provider, claims("cheluyun-viewer"));
        assertThat(call("DELETE", "/api/v1/devices/rsu-7", viewer, null).statusCode()).isEqualTo(403);
        HttpResponse<String> noRole = call("GET", "/api/v1/me", token(provider, claims("offline_access")), null);
        assertThat(noRole.statusCode()).isEqualTo(403);
        assertThat(noRole.body()).contains("cheluyun-viewer / operator / admin");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("its-2026").generate(); // same key id, other key
        assertThat(call("GET", "/api/v1/me", token(stranger, claims("cheluyun-admin")), null).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", token(provider, claims("cheluyun-admin")
                .expirationTime(Date.from(Instant.now().minusSeconds(120)))), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", token(provider, claims("cheluyun-admin")
                .issuer("https://evil.example")), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", token(provider, claims("cheluyun-admin").audience("other")), null)
                .statusCode()).isEqualTo(401);
        String unsigned = new com.nimbusds.jwt.PlainJWT(claims("cheluyun-admin").build()).serialize();
        HttpResponse<String> none = call("GET", "/api/v1/me", unsigned, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("the JWT is not valid");

        HttpResponse<String> audit = call("GET", "/api/v1/audit", token(provider, claims("cheluyun-admin")), null);
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("\"actor\":\"jwt:li.wei\"").contains("rsu-7");
    }
}
