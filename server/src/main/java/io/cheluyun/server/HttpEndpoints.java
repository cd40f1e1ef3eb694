package io.cheluyun.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.security.TlsContexts;
import io.cheluyun.server.api.Api;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code GET /health} (JSON; 503 when a shard thread died) and {@code GET /metrics} (Prometheus text) on Jetty, the
 * management API under {@code /api/v1} with {@code /openapi.json} when the platform has a database ({@link Api}),
 * the edge's WebSocket endpoints ({@code /ws/v1/ingest}, {@code /ws/v1/warnings}) when enabled, and the operators'
 * dashboard at {@code /}. Anything else is a JSON 404 / 405, never a stack trace.
 */
final class HttpEndpoints implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final int port;
    private final int httpsPort;

    private HttpEndpoints(Server server, int port, int httpsPort) {
        this.server = server;
        this.port = port;
        this.httpsPort = httpsPort;
    }

    static HttpEndpoints start(HttpConfig config, Platform platform) throws Exception {
        // API requests block on JDBC; live streams hold no pool thread (a virtual thread each writes them)
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("cheluyun-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        ServerConnector tls = null;
        EdgeConfig.Tls tlsConfig = platform.config().edge().tls();
        if (tlsConfig.httpsPort() >= 0) {
            tls = httpsConnector(server, config.host(), tlsConfig);
            server.addConnector(tls);
        }
        Handler routes = new Handler.Sequence(new Routes(platform, platform.api()), dashboard(server),
                new NotFound());
        var websocket = platform.edge().websocket();
        server.setHandler(websocket == null ? routes : websocket.handler(server, routes));
        server.setStopTimeout(2_000);
        server.start();
        return new HttpEndpoints(server, connector.getLocalPort(), tls == null ? -1 : tls.getLocalPort());
    }

    /**
     * The operators' dashboard (module web: built by Vite, packed under {@code web/} on the classpath) at {@code /};
     * answers nothing (so the JSON 404 follows) when the jar has no dashboard.
     */
    private static Handler dashboard(Server server) {
        Resource root = ResourceFactory.of(server).newClassLoaderResource("web/");
        if (root == null || !root.exists()) {
            return new Handler.Abstract.NonBlocking() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    return false;
                }
            };
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(root);
        files.setWelcomeFiles(List.of("index.html"));
        files.setDirAllowed(false);
        return files;
    }

    /** Anything nobody answered: a JSON 404 naming what there is. */
    private static final class NotFound extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return Routes.json(response, callback, HttpStatus.NOT_FOUND_404,
                    "{\"error\":\"not found\",\"paths\":[\"/\",\"/health\",\"/metrics\",\"/api/v1\","
                            + "\"/openapi.json\"]}");
        }
    }

    /**
     * HTTPS (and WSS) with the edge's certificate, asking for or requiring a client certificate signed by
     * {@code edge.tls.ca}; the verified certificate reaches the WebSocket endpoints as the request's TLS session data.
     */
    private static ServerConnector httpsConnector(Server server, String host, EdgeConfig.Tls tls) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(TlsContexts.server(Path.of(tls.certificate()), Path.of(tls.privateKey()),
                tls.ca() == null || tls.ca().isBlank() ? null : Path.of(tls.ca())));
        ssl.setNeedClientAuth(tls.clientAuth().equals("need"));
        ssl.setWantClientAuth(tls.clientAuth().equals("want"));
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(tls.httpsPort());
        return connector;
    }

    int port() {
        return port;
    }

    /** The HTTPS port, -1 when off. */
    int httpsPort() {
        return httpsPort;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly", e);
        }
    }

    /** Blocking: the API's requests wait for JDBC, so they run on the request threads, not the selector's. */
    private static final class Routes extends Handler.Abstract {
        private final Platform platform;
        private final Api api;

        Routes(Platform platform, Api api) {
            this.platform = platform;
            this.api = api;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (Api.handles(path)) {
                if (api == null) {
                    return json(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "{\"error\":\"no database\","
                            + "\"detail\":\"the management API needs the store; this process runs without one\"}");
                }
                return api.handle(request, response, callback);
            }
            boolean known = path.equals("/health") || path.equals("/metrics");
            if (!known) {
                return false; // the dashboard's files, else a JSON 404
            }
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return json(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                        "{\"error\":\"method not allowed\",\"allow\":[\"GET\",\"HEAD\"]}");
            }
            if (path.equals("/health")) {
                Platform.Health health = platform.health();
                int status = health.status().equals("UP") ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503;
                return json(response, callback, status, JSON.writeValueAsString(health));
            }
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
            Content.Sink.write(response, true, platform.registry().scrape(), callback);
            return true;
        }

        static boolean json(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }
}
