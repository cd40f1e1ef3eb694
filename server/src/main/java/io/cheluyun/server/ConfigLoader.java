package io.cheluyun.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the configuration in layers: built-in defaults, then an optional YAML file, then environment variables
 * {@code CHELUYUN_<SECTION>_<KEY>...} (case-insensitive, e.g. {@code CHELUYUN_HTTP_PORT=9090},
 * {@code CHELUYUN_APPS_FCW_TTCTHRESHOLDS=2.5}), then {@link CheluyunConfig#conclude()}. Unknown keys and wrong types
 * fail with the key's full path, never silently.
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "CHELUYUN_";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Thrown for any configuration problem; the message names the file or variable and the key. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public CheluyunConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = yaml.valueToTree(CheluyunConfig.defaults());
        String source = "defaults";
        if (file != null) {
            source = file.toString();
            JsonNode user;
            try {
                user = yaml.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
            }
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException(file + ": the top level must be a mapping of sections", null);
                }
                merge(tree, (ObjectNode) user, "", file.toString());
            }
        }
        applyEnvironment(tree, env);
        CheluyunConfig config;
        try {
            config = yaml.treeToValue(tree, CheluyunConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
        try {
            return config.conclude();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** The effective configuration as YAML, for {@code --print-config}. */
    public String toYaml(CheluyunConfig config) {
        try {
            return yaml.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration does not serialise", e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode overlay, String path, String source) {
        for (Map.Entry<String, JsonNode> e : overlay.properties()) {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) {
                throw new ConfigException(source + ": unknown key '" + key + "'"
                        + (target.isEmpty() ? "" : "; known here: " + fieldNames(target)), null);
            }
            if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), key, source);
            } else if (existing.isObject()) {
                throw new ConfigException(source + ": '" + key + "' is a section, not a value", null);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        // sorted: the same environment always gives the same result and the same first error
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String[] parts = e.getKey().substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).split("_");
            String section = matchField(tree, parts[0]);
            if (section == null) {
                continue; // not a configuration variable (e.g. CHELUYUN_JAVA_OPTS for the launcher)
            }
            ObjectNode node = tree;
            String path = section;
            String field = section;
            for (int i = 1; i < parts.length; i++) {
                JsonNode child = node.get(field);
                if (!(child instanceof ObjectNode obj)) {
                    throw new ConfigException(e.getKey() + ": '" + path + "' is a value, it has no key '"
                            + parts[i] + "'", null);
                }
                String next = matchField(obj, parts[i]);
                if (next == null) {
                    throw new ConfigException(e.getKey() + ": no key '" + parts[i] + "' in '" + path
                            + "'; known: " + fieldNames(obj), null);
                }
                node = obj;
                field = next;
                path = path + "." + next;
            }
            if (node.get(field).isObject()) {
                throw new ConfigException(e.getKey() + ": '" + path + "' is a section, not a value", null);
            }
            node.put(field, e.getValue());
        }
    }

    private static String matchField(ObjectNode node, String lowerName) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.toLowerCase(Locale.ROOT).equals(lowerName)) {
                return name;
            }
        }
        return null;
    }

    private static String fieldNames(ObjectNode node) {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append(n));
        return names.toString();
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return "key '" + path + "': " + e.getOriginalMessage();
    }
}
