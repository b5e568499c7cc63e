package io.ikev2kit.profiles.apple.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads our statement of Apple's schema ({@code apple-schema.txt} in the test resources; its header gives the format
 * and the upstream commit) into the keys of each payload type. A malformed line fails loudly with its number, so a
 * typo in the facts cannot quietly loosen a check.
 */
final class SchemaFacts {

    static final String RESOURCE = "/apple-schema.txt";
    private static final String PAYLOAD = "payload ";

    private SchemaFacts() {
    }

    /** Payload type to its keys, in file order. */
    static Map<String, List<SchemaKey>> load() {
        try (InputStream in = SchemaFacts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static Map<String, List<SchemaKey>> parse(List<String> lines) {
        Map<String, List<SchemaKey>> payloads = new LinkedHashMap<>();
        String type = null;
        List<Node> stack = new ArrayList<>();
        List<Node> roots = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(PAYLOAD)) {
                close(payloads, type, roots);
                type = line.substring(PAYLOAD.length()).trim();
                roots = new ArrayList<>();
                stack.clear();
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (type == null || indent % 2 != 0 || indent / 2 > stack.size()) {
                throw malformed(n, line, type == null ? "a key before any \"payload TYPE\" line" : "bad indent");
            }
            stack.subList(indent / 2, stack.size()).clear();
            Node node = node(n, line);
            if (stack.isEmpty()) {
                roots.add(node);
            } else {
                Node parent = stack.get(stack.size() - 1);
                boolean array = parent.type == SchemaType.ARRAY;
                if (parent.type != SchemaType.DICTIONARY && !array || array != node.name.equals("[]")
                        || array && !parent.children.isEmpty()) {
                    throw malformed(n, line, "a dictionary holds named keys, an array exactly one [] line");
                }
                parent.children.add(node);
            }
            stack.add(node);
        }
        close(payloads, type, roots);
        return payloads;
    }

    private static void close(Map<String, List<SchemaKey>> payloads, String type, List<Node> roots) {
        if (type != null && payloads.put(type, roots.stream().map(Node::key).toList()) != null) {
            throw new IllegalStateException(RESOURCE + " states payload " + type + " twice");
        }
    }

    private static Node node(int n, String line) {
        String[] words = line.trim().split(" +");
        if (words.length < 2) {
            throw malformed(n, line, "expected NAME TYPE [required] [values=..] [range=..] [format=..]");
        }
        Node node = new Node(words[0], SchemaType.named(words[1]));
        for (String word : Arrays.copyOfRange(words, 2, words.length)) {
            if (word.equals("required")) {
                node.required = true;
            } else if (word.startsWith("values=")) {
                node.values = Arrays.stream(word.substring(7).split("\\|"))
                        .map(v -> node.type == SchemaType.INTEGER ? (Object) Long.valueOf(v) : v).toList();
            } else if (word.startsWith("range=") && word.contains("..")) {
                String[] bounds = word.substring(6).split("\\.\\.");
                node.min = Long.valueOf(bounds[0]);
                node.max = Long.valueOf(bounds[1]);
            } else if (word.startsWith("format=")) {
                node.format = Pattern.compile(word.substring(7));
            } else {
                throw malformed(n, line, "unknown word " + word);
            }
        }
        return node;
    }

    private static IllegalStateException malformed(int n, String line, String why) {
        return new IllegalStateException(RESOURCE + " line " + n + ": " + why + ": " + line.trim());
    }

    /** A key while its subkeys are still being read. */
    private static final class Node {
        final String name;
        final SchemaType type;
        final List<Node> children = new ArrayList<>();
        boolean required;
        List<Object> values = List.of();
        Long min;
        Long max;
        Pattern format;

        Node(String name, SchemaType type) {
            this.name = name;
            this.type = type;
        }

        SchemaKey key() {
            return new SchemaKey(name, type, required, values, min, max, format,
                    children.stream().map(Node::key).toList());
        }
    }
}
