package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.server.api.Api;
import io.cheluyun.store.StoreConfig;
import io.cheluyun.store.Users;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A threaded platform with an H2 store and its HTTP port, three users (admin ada, operator otto, viewer vera). */
abstract class ApiFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    CheluyunConfig config;
    Platform platform;
    int port;

    @BeforeEach
    void start() throws Exception {
        StoreConfig d = StoreConfig.defaults();
        config = CheluyunConfig.defaults().withHttpPort(0).withStore(new StoreConfig(
                StoreConfig.h2File(dir.resolve("db").toString()), d.user(), d.password(), d.poolSize(),
                d.batchSize(), d.flushIntervalMs(), d.queueCapacity()));
        platform = new Platform(config, List.of(), System::nanoTime, Platform.StoreMode.REQUIRED);
        platform.start();
        port = platform.startHttp();
        platform.api().ensureUser("ada", "ada-password-1", Users.Role.ADMIN);
        platform.api().ensureUser("otto", "otto-password-1", Users.Role.OPERATOR);
        platform.api().ensureUser("vera", "vera-password-1", Users.Role.VIEWER);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("token").asText();
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
