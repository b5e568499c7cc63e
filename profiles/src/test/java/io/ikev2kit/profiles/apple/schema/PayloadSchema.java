package io.ikev2kit.profiles.apple.schema;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One schema file: the payload type it describes ({@code payload.payloadtype}) and its {@code payloadkeys}. */
record PayloadSchema(String payloadType, List<SchemaKey> keys) {

    PayloadSchema {
        keys = List.copyOf(keys);
    }

    @SuppressWarnings("unchecked")
    static PayloadSchema load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            String payloadType = (String) ((Map<String, Object>) yaml.get("payload")).get("payloadtype");
            return new PayloadSchema(payloadType,
                    SchemaKey.listFromYaml((List<Map<String, Object>>) yaml.get("payloadkeys")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read Apple schema file " + file + ": " + e.getMessage(), e);
        }
    }
}
