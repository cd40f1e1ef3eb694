package io.cheluyun.server;

import java.net.URI;

/**
 * How API callers may authenticate besides the platform's own accounts: bearer JWTs issued by an OpenID Connect
 * provider (Keycloak, Authing, Azure AD …), validated against its published keys.
 *
 * @param jwt  JWT validation; off by default
 */
public record AuthConfig(Jwt jwt) {

    /**
     * @param enabled        accept JWTs as bearer tokens
     * @param jwksUrl        the provider's JSON Web Key Set (its {@code jwks_uri}), fetched and cached; or
     * @param jwksFile       a JWKS file (offline deployments); exactly one of the two
     * @param issuer         the {@code iss} every token must carry
     * @param audience       the {@code aud} a token must include; empty: not checked
     * @param usernameClaim  the claim that names the user (audit log); {@code sub} when absent
     * @param rolesClaim     where the roles are: a claim path with dots ({@code realm_access.roles} for Keycloak),
     *                       a list of strings or one space-separated string
     * @param rolePrefix     role values are {@code <prefix>viewer}, {@code <prefix>operator}, {@code <prefix>admin};
     *                       the highest one present counts, none: 403
     */
    public record Jwt(boolean enabled, String jwksUrl, String jwksFile, String issuer, String audience,
                      String usernameClaim, String rolesClaim, String rolePrefix) {

        public static Jwt defaults() {
            return new Jwt(false, "", "", "", "", "preferred_username", "roles", "");
        }

        Jwt conclude() {
            if (!enabled) {
                return this;
            }
            boolean url = jwksUrl != null && !jwksUrl.isBlank();
            boolean file = jwksFile != null && !jwksFile.isBlank();
            if (url == file) {
                throw new IllegalArgumentException("auth.jwt: set exactly one of jwksUrl and jwksFile");
            }
            if (url) {
                try {
                    URI u = URI.create(jwksUrl);
                    if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                        throw new IllegalArgumentException("not http(s)");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("auth.jwt.jwksUrl must be an http(s) URL, got '" + jwksUrl
                            + "'");
                }
            }
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("auth.jwt.issuer is required: tokens of any other issuer are "
                        + "refused");
            }
            if (rolesClaim == null || rolesClaim.isBlank()) {
                throw new IllegalArgumentException("auth.jwt.rolesClaim must not be empty");
            }
            return this;
        }
    }

    public static AuthConfig defaults() {
        return new AuthConfig(Jwt.defaults());
    }

    public AuthConfig conclude() {
        if (jwt == null) {
            throw new IllegalArgumentException("auth.jwt is required");
        }
        jwt.conclude();
        return this;
    }
}
