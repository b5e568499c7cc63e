package io.ikev2kit.pki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CA key in a PKCS#11 token, named by an RFC 7512 URI: the token by its label (optionally also its serial,
 * manufacturer and model) and the key by its object label, optionally also its CKA_ID, e.g.
 * {@code pkcs11:token=ikev2kit-ca;object=ca} or {@code pkcs11:token=PIV;object=SIGN%20key;id=%02}.
 * Only those attributes are accepted: a PIN or a module in the URI would end up in the process list and in
 * site.conf, and an attribute this code does not match on would select a key silently.
 */
public record Pkcs11Uri(String token, String object, Optional<String> serial, Optional<String> manufacturer,
                        Optional<String> model, Optional<KeyId> id) {
    private static final String SCHEME = "pkcs11:";
    /** CK_TOKEN_INFO holds the token's label, manufacturer and model in 32 bytes, its serial in 16. */
    private static final int TOKEN_FIELD = 32;
    private static final int SERIAL_FIELD = 16;
    private static final int OBJECT_LABEL = 128;
    private static final Set<String> SECRET = Set.of("pin-value", "pin-source");
    private static final Set<String> MODULE = Set.of("module-name", "module-path");
    private static final Set<String> KNOWN = Set.of("token", "object", "type", "serial", "manufacturer", "model", "id");

    public Pkcs11Uri {
        check(token, "token", TOKEN_FIELD);
        check(object, "object", OBJECT_LABEL);
        serial.ifPresent(s -> check(s, "serial", SERIAL_FIELD));
        manufacturer.ifPresent(s -> check(s, "manufacturer", TOKEN_FIELD));
        model.ifPresent(s -> check(s, "model", TOKEN_FIELD));
    }

    public static Pkcs11Uri parse(String text) {
        if (text == null || !text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new UserError("--ca-key takes a PKCS#11 URI such as 'pkcs11:token=ikev2kit-ca;object=ca' (RFC 7512)");
        }
        String rest = text.substring(SCHEME.length());
        int question = rest.indexOf('?');
        Map<String, String> values = new LinkedHashMap<>();
        attributes(question < 0 ? rest : rest.substring(0, question), ';', values);
        if (question >= 0) {
            attributes(rest.substring(question + 1), '&', values);
        }
        String type = values.containsKey("type") ? text(values, "type") : "private";
        if (!type.equals("private")) {
            throw new UserError("the PKCS#11 URI names a " + printable(type) + " object: the CA key is type=private");
        }
        if (!values.containsKey("token") || !values.containsKey("object")) {
            throw new UserError("the PKCS#11 URI needs token=LABEL and object=LABEL, e.g. 'pkcs11:token=ikev2kit-ca;object=ca'");
        }
        return new Pkcs11Uri(text(values, "token"), text(values, "object"), Optional.ofNullable(text(values, "serial")),
                Optional.ofNullable(text(values, "manufacturer")), Optional.ofNullable(text(values, "model")),
                Optional.ofNullable(values.get("id")).map(bytes -> new KeyId(bytes.getBytes(StandardCharsets.ISO_8859_1))));
    }

    /** The canonical URI: every attribute value percent-encoded except RFC 3986's unreserved characters. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(SCHEME).append("token=").append(encode(token));
        serial.ifPresent(s -> out.append(";serial=").append(encode(s)));
        manufacturer.ifPresent(s -> out.append(";manufacturer=").append(encode(s)));
        model.ifPresent(s -> out.append(";model=").append(encode(s)));
        out.append(";object=").append(encode(object));
        id.ifPresent(i -> out.append(";id=").append(i.uriText()));
        return out.append(";type=private").toString();
    }

    /** Splits name=value pairs; values are percent-decoded once the names are known to be acceptable. */
    private static void attributes(String part, char separator, Map<String, String> into) {
        if (part.isEmpty()) {
            return;
        }
        for (String attribute : part.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1)) {
            int eq = attribute.indexOf('=');
            if (eq <= 0) {
                throw new UserError("the PKCS#11 URI has a malformed attribute '" + printable(attribute)
                        + "': write name=value pairs separated by ';'");
            }
            String name = attribute.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
            if (SECRET.contains(name)) {
                throw new UserError("the PKCS#11 URI must not carry the PIN (" + name + "): give it with IKEV2KIT_CA_PIN, "
                        + "--ca-pin-file FILE, or at the prompt");
            }
            if (MODULE.contains(name)) {
                throw new UserError("the PKCS#11 URI names no module here (" + name + "): pass --pkcs11-module PATH");
            }
            if (!KNOWN.contains(name)) {
                throw new UserError("the PKCS#11 URI attribute '" + printable(name) + "' is not supported: name the token "
                        + "with token= (and optionally serial=, manufacturer=, model=) and the key with object= (and id=)");
            }
            if (into.put(name, decode(attribute.substring(eq + 1), name, separator == '&' ? "/?|" : "&")) != null) {
                throw new UserError("the PKCS#11 URI gives '" + name + "' twice (RFC 7512 allows one): keep one");
            }
        }
    }

    /** RFC 7512 2.3: values are percent-encoded UTF-8; anything outside pk11-pchar must be encoded. */
    private static String decode(String value, String name, String alsoAllowed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    throw new UserError("the PKCS#11 URI's " + printable(name) + " has a bad percent escape: write %XX "
                            + "with two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (isPchar(c) || alsoAllowed.indexOf(c) >= 0) {
                bytes.write(c);
            } else {
                throw new UserError("the PKCS#11 URI's " + printable(name) + " contains '" + printable(String.valueOf(c))
                        + "': percent-encode it (RFC 7512)");
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1); // the octets, one char each: id is binary
    }

    /** A text attribute: its octets must be UTF-8. */
    private static String text(Map<String, String> values, String name) {
        String octets = values.get(name);
        if (octets == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new UserError("the PKCS#11 URI's " + name + " is not UTF-8 once decoded: fix its escapes");
        }
    }

    /** Unreserved and pk11-res-avail ":[]@!$'()*+,="; the path adds '&', the query '/', '?' and '|'. */
    private static boolean isPchar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:[]@!$'()*+,=".indexOf(c) >= 0);
    }

    private static String encode(String value) {
        return encode(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] octets) {
        StringBuilder out = new StringBuilder();
        for (byte b : octets) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void check(String value, String name, int maxBytes) {
        if (value == null || value.isEmpty()) {
            throw new UserError("the PKCS#11 URI's " + name + " is empty: give its label");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new UserError("the PKCS#11 URI's " + name + " is longer than " + maxBytes + " bytes, which a token "
                    + "cannot hold: shorten it");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT)) {
            throw new UserError("the PKCS#11 URI's " + name + " contains a control character: use a printable label");
        }
    }

    /** A key's CKA_ID: binary, so kept as bytes and always written percent-encoded. */
    public record KeyId(byte[] bytes) {
        public KeyId {
            bytes = bytes.clone();
            if (bytes.length == 0 || bytes.length > 64) {
                throw new UserError("the PKCS#11 URI's id must be 1 to 64 bytes, e.g. id=%01");
            }
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        String uriText() {
            StringBuilder out = new StringBuilder();
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
            return out.toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyId id && java.util.Arrays.equals(bytes, id.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return uriText();
        }
    }

    /** Untrusted text shown escaped, its first 64 characters only: a URI attribute is short or hostile. */
    private static String printable(String text) {
        return Visible.ascii(text.length() > 64 ? text.substring(0, 64) : text);
    }
}
