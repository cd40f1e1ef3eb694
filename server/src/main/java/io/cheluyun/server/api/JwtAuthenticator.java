package io.cheluyun.server.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.cheluyun.store.Users;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates bearer JWTs of an OpenID Connect provider with Nimbus JOSE + JWT: signature by a key of the provider's
 * JWKS (fetched from its {@code jwks_uri} and cached, refreshed when an unknown key id appears, or read from a
 * file), RS/PS/ES algorithms only (never {@code none} or HMAC with a public key), {@code iss} exact, {@code aud}
 * when configured, {@code exp} required and not past (60 s clock skew), then maps the roles claim to viewer /
 * operator / admin. Thread-safe.
 */
public final class JwtAuthenticator {

    /** What the platform was configured with ({@code auth.jwt}). */
    public record Settings(String jwksUrl, String jwksFile, String issuer, String audience, String usernameClaim,
                           String rolesClaim, String rolePrefix) {
    }

    /** The verified caller, or why not: {@code role} null with {@code problem} set for 403 (no role). */
    record Result(String username, Users.Role role, String problem) {
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Settings settings;

    public JwtAuthenticator(Settings settings) {
        this.settings = settings;
        JWKSource<SecurityContext> keys;
        try {
            keys = settings.jwksFile() != null && !settings.jwksFile().isBlank()
                    ? new ImmutableJWKSet<>(JWKSet.load(Path.of(settings.jwksFile()).toFile()))
                    : JWKSourceBuilder.create(URI.create(settings.jwksUrl()).toURL()).retrying(true).build();
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("auth.jwt: the key set " + settings.jwksFile() + " cannot be read: "
                    + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        Set<String> audience = settings.audience() == null || settings.audience().isBlank() ? null
                : Set.of(settings.audience());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"), null);
        claims.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A compact JWS: three base64url parts (the platform's own tokens have no dots). */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.chars().filter(c -> c == '.')
                .count() == 2;
    }

    /** Verifies the token; throws 401 for a token that is not valid, answers without role for 403. */
    Result verify(String token) throws ApiException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            throw ApiException.unauthorized("the JWT is not valid: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw ApiException.unauthorized("the JWT could not be verified: " + e.getMessage());
        }
        Object name = claims.getClaim(settings.usernameClaim());
        String username = name instanceof String s && !s.isBlank() ? s : claims.getSubject();
        Users.Role best = null;
        for (String value : roles(claims)) {
            for (Users.Role role : Users.Role.values()) {
                if (value.equals(settings.rolePrefix() + role.label()) && (best == null || role.atLeast(best))) {
                    best = role;
                }
            }
        }
        return new Result("jwt:" + username, best, best == null ? "the token carries none of the roles "
                + settings.rolePrefix() + "viewer / operator / admin in " + settings.rolesClaim() : null);
    }

    private List<String> roles(JWTClaimsSet claims) {
        Object node = claims.getClaims();
        for (String part : settings.rolesClaim().split("\\.")) {
            node = node instanceof Map<?, ?> m ? m.get(part) : null;
        }
        List<String> out = new ArrayList<>();
        if (node instanceof String s) {
            out.addAll(List.of(s.strip().split("\\s+")));
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
