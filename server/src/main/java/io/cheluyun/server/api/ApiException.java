package io.cheluyun.server.api;

import java.util.Map;

/**
 * An API answer other than success: the HTTP status and the JSON body {@code {"error", "detail", "fields"}} the
 * client gets — a field-level message for bad input, never a stack trace.
 */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final java.util.TreeMap<String, String> fields; // serialisable and in a stable order
    private long retryAfterS;

    public ApiException(int status, String error, String detail, Map<String, String> fields) {
        super(detail);
        this.status = status;
        this.error = error;
        this.fields = new java.util.TreeMap<>(fields);
    }

    static ApiException badRequest(Map<String, String> fields) {
        return new ApiException(400, "bad request", "invalid " + String.join(", ", new java.util.TreeSet<>(
                fields.keySet())), fields);
    }

    static ApiException badRequest(String field, String problem) {
        return badRequest(Map.of(field, problem));
    }

    static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail, Map.of());
    }

    static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail, Map.of());
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "not found", detail, Map.of());
    }

    static ApiException tooManyRequests(String detail, long retryAfterS) {
        ApiException e = new ApiException(429, "too many requests", detail, Map.of());
        e.retryAfterS = retryAfterS;
        return e;
    }

    /** Seconds the client should wait before trying again (a 429's Retry-After), 0 when none. */
    public long retryAfterS() {
        return retryAfterS;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
