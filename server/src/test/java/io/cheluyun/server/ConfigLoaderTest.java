package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("cheluyun.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaultsWithoutFileOrEnvironment() {
        assertThat(loader.load(null, Map.of())).isEqualTo(CheluyunConfig.defaults());
    }

    @Test
    void fileOverridesOnlyTheKeysItNamesAndEnvironmentOverridesTheFile() throws IOException {
        Path file = yaml("""
                http:
                  port: 9000
                apps:
                  fcw:
                    ttcThresholdS: 2.5
                """);
        CheluyunConfig c = loader.load(file, Map.of("CHELUYUN_HTTP_PORT", "9100",
                "CHELUYUN_PIPELINE_SHARDS", "4", "CHELUYUN_JAVA_OPTS", "-Xmx1g", "PATH", "/bin"));
        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
        assertThat(c.pipeline().shards()).isEqualTo(4);
        assertThat(c.apps().fcw().ttcThresholdS()).isEqualTo(2.5);
        assertThat(c.apps().fcw().criticalTtcS()).isEqualTo(1.5);
    }

    @Test
    void theDocumentedExampleIsTheDefaults() {
        Path example = Path.of("..", "config", "cheluyun.example.yaml");
        assertThat(loader.load(example, Map.of())).isEqualTo(CheluyunConfig.defaults());
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() throws IOException {
        Path file = yaml("""
                apps:
                  fcw:
                    ttcThreshold: 2.5
                """);
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .hasMessageContaining("unknown key 'apps.fcw.ttcThreshold'")
                .hasMessageContaining("ttcThresholdS");
    }

    @Test
    void wrongTypesAndOutOfRangeValuesNameTheKey() throws IOException {
        assertThatThrownBy(() -> loader.load(yaml("pipeline:\n  shards: many\n"), Map.of()))
                .hasMessageContaining("pipeline.shards");
        assertThatThrownBy(() -> loader.load(yaml("http:\n  port: 70000\n"), Map.of()))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> loader.load(null, Map.of("CHELUYUN_APPS_FCW_CRITICALTTCS", "9")))
                .hasMessageContaining("apps.fcw.criticalTtcS");
    }

    @Test
    void environmentVariablesMustNameARealKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of("CHELUYUN_HTTP_PROT", "1")))
                .hasMessageContaining("CHELUYUN_HTTP_PROT").hasMessageContaining("port");
    }

    @Test
    void brokenYamlIsReportedWithTheFile() throws IOException {
        Path file = yaml("http: [unclosed\n");
        assertThatThrownBy(() -> loader.load(file, Map.of())).hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }
}
