package io.cheluyun.server;

/**
 * HTTP endpoint settings.
 *
 * @param host  interface to bind; 0.0.0.0 for all
 * @param port  TCP port; 0 picks a free one (printed at start)
 */
public record HttpConfig(String host, int port) {

    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", 8080);
    }

    public HttpConfig conclude() {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
        }
        return this;
    }
}
