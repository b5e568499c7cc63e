package io.ikev2kit.profiles.apple.schema;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * Apple's configuration-profile schema as the repository states it ({@code apple-schema.txt}, read from Apple's
 * device-management repository at the commit its header names), used to check a whole profile: TopLevel for the outer
 * dictionary, CommonPayloadKeys plus the keys of the type named by PayloadType for each element of PayloadContent. See {@link SchemaWalk} for the checks and {@link ContextRules} for the
 * requirements Apple states in prose.
 */
public final class AppleSchema {

    private static final String TOP_LEVEL = "TopLevel";
    private static final String COMMON = "CommonPayloadKeys";

    private final Map<String, List<SchemaKey>> keysByPayloadType;

    private AppleSchema(Map<String, List<SchemaKey>> keysByPayloadType) {
        this.keysByPayloadType = keysByPayloadType;
    }

    /** The schema stated in the test resource {@code apple-schema.txt}. */
    public static AppleSchema load() {
        Map<String, List<SchemaKey>> stated = SchemaFacts.load();
        if (!stated.containsKey(TOP_LEVEL) || !stated.containsKey(COMMON)) {
            throw new IllegalStateException(SchemaFacts.RESOURCE + " lacks payload TopLevel or CommonPayloadKeys");
        }
        Map<String, List<SchemaKey>> keys = new TreeMap<>();
        stated.forEach((type, own) -> keys.put(type, switch (type) {
            case TOP_LEVEL, COMMON -> own;
            default -> merge(stated.get(COMMON), own);
        }));
        return new AppleSchema(keys);
    }

    /** Every way {@code profile}, a whole Configuration profile, departs from the schema; empty when it conforms. */
    public List<Violation> validate(NSDictionary profile) {
        SchemaWalk walk = new SchemaWalk();
        walk.dictionary(ContextRules.topLevelKeys(keysByPayloadType.get(TOP_LEVEL), profile), profile, "");
        ContextRules.topLevel(walk, profile);
        if (profile.get("PayloadContent") instanceof NSArray content) {
            Map<String, String> typesByUuid = payloadTypesByUuid(content);
            for (int i = 0; i < content.count(); i++) {
                if (content.objectAtIndex(i) instanceof NSDictionary payload) {
                    payload(walk, payload, "PayloadContent[" + i + "]", typesByUuid);
                }
            }
        }
        return walk.violations();
    }

    public void assertValid(NSDictionary profile) {
        List<Violation> violations = validate(profile);
        if (!violations.isEmpty()) {
            Assertions.fail("profile breaks Apple's schema (" + SchemaFacts.RESOURCE + ") in " + violations.size() + " places:\n  "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /**
     * The schema entry at {@code keyPath} (dot-separated; arrays are stepped through to their item, so
     * {@code IKEv2.OnDemandRules.Action}) of {@code payloadType}, which may also be TopLevel or CommonPayloadKeys.
     */
    public SchemaKey entry(String payloadType, String keyPath) {
        List<SchemaKey> keys = keys(payloadType);
        SchemaKey found = null;
        for (String segment : keyPath.split("\\.")) {
            SchemaKey parent = found;
            List<SchemaKey> level = found == null ? keys : found.item().orElse(found).subkeys();
            found = level.stream().filter(k -> k.name().equals(segment)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no key " + segment + " in " + payloadType + " at "
                            + (parent == null ? "its top" : parent.name()) + "; there are "
                            + level.stream().map(SchemaKey::name).toList()));
        }
        return found;
    }

    /** Apple's allowed values at {@code keyPath}: strings as String, integers as Long. Fails if there is no list. */
    public List<Object> rangelist(String payloadType, String keyPath) {
        List<Object> values = entry(payloadType, keyPath).rangelist();
        if (values.isEmpty()) {
            throw new IllegalArgumentException(payloadType + " " + keyPath + " has no allowed values in Apple's schema");
        }
        return values;
    }

    /** What the schema says of {@code value} (String, Integer, Boolean, byte[], List, Map...) placed at keyPath. */
    public List<Violation> check(String payloadType, String keyPath, Object value) {
        SchemaWalk walk = new SchemaWalk();
        walk.value(entry(payloadType, keyPath), NSObject.fromJavaObject(value), keyPath);
        return walk.violations();
    }

    /** The payload types the schema states, TopLevel and CommonPayloadKeys included. */
    public Set<String> payloadTypes() {
        return keysByPayloadType.keySet();
    }

    private void payload(SchemaWalk walk, NSDictionary payload, String path, Map<String, String> typesByUuid) {
        String type = ContextRules.string(payload, "PayloadType");
        List<SchemaKey> keys = type == null || Set.of(TOP_LEVEL, COMMON).contains(type)
                ? null : keysByPayloadType.get(type);
        if (keys == null) {
            walk.add(SchemaWalk.join(path, "PayloadType"), (type == null ? "missing or not a <string>"
                    : "\"" + type + "\" is not a payload type the schema states") + ", so the payload cannot be checked; "
                    + SchemaFacts.RESOURCE + " states " + keysByPayloadType.keySet());
            return;
        }
        walk.dictionary(keys, payload, path);
        ContextRules.payload(walk, payload, path, typesByUuid);
    }

    private List<SchemaKey> keys(String payloadType) {
        List<SchemaKey> keys = keysByPayloadType.get(payloadType);
        if (keys == null) {
            throw new IllegalArgumentException("no Apple schema for " + payloadType + "; there are " + payloadTypes());
        }
        return keys;
    }

    /** Keys common to all payloads, then the payload's own; a payload's own entry wins over a common one. */
    private static List<SchemaKey> merge(List<SchemaKey> common, List<SchemaKey> own) {
        Map<String, SchemaKey> byName = new LinkedHashMap<>();
        Stream.concat(common.stream(), own.stream()).forEach(k -> byName.put(k.name(), k));
        return List.copyOf(byName.values());
    }

    private static Map<String, String> payloadTypesByUuid(NSArray content) {
        Map<String, String> types = new HashMap<>();
        for (NSObject item : content.getArray()) {
            if (item instanceof NSDictionary payload && ContextRules.string(payload, "PayloadUUID") != null) {
                types.put(ContextRules.string(payload, "PayloadUUID"), ContextRules.string(payload, "PayloadType"));
            }
        }
        return types;
    }
}
