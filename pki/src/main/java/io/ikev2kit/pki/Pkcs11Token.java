package io.ikev2kit.pki;

import io.ikev2kit.pki.encoders.Der;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PKCS#11 token reached through Java's own provider (SunPKCS11), logged in with the user PIN. SunPKCS11 signs
 * and generates keys; it cannot pick a token by label nor look a key up by its label, so for those few reads
 * this class calls the JDK's PKCS#11 binding ({@code sun.security.pkcs11.wrapper}, exported to ikev2kit by the
 * jar's {@code Add-Exports} manifest entry). Keys are generated inside the token, sensitive and not
 * extractable, and are reached through SunPKCS11's key store, which pairs a key with the certificate stored
 * beside it under the same CKA_ID: init stores the CA certificate there (through the binding, because the key
 * store's own way of storing one rewrites the key's CKA_ID to the alias).
 */
public final class Pkcs11Token {
    /** SunPKCS11 keeps one provider per module and slot for the life of the process: configure each once. */
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKF_RW_SESSION = 0x2;
    private static final long CKA_CLASS = 0x0;
    private static final long CKA_TOKEN = 0x1;
    private static final long CKA_PRIVATE = 0x2;
    private static final long CKA_LABEL = 0x3;
    private static final long CKA_VALUE = 0x11;
    private static final long CKA_CERTIFICATE_TYPE = 0x80;
    private static final long CKA_ISSUER = 0x81;
    private static final long CKA_SERIAL_NUMBER = 0x82;
    private static final long CKA_SUBJECT = 0x101;
    private static final long CKC_X_509 = 0x0;
    private static final long CKA_SENSITIVE = 0x103;
    private static final long CKA_EXTRACTABLE = 0x162;
    private static final long CKA_ID = 0x102;
    private static final long CKO_CERTIFICATE = 0x1;
    private static final long CKO_PRIVATE_KEY = 0x3;

    private final CaToken location;
    private final Binding binding;
    private final long slot;
    private final Provider provider;
    private final KeyStore keys;

    private Pkcs11Token(CaToken location, Binding binding, long slot, Provider provider, KeyStore keys) {
        this.location = location;
        this.binding = binding;
        this.slot = slot;
        this.provider = provider;
        this.keys = keys;
    }

    /** Loads the module, finds the token by the URI's label and logs in. Each failure is one line. */
    public static Pkcs11Token open(CaToken location, Passphrase pin) {
        if (!Files.isRegularFile(location.module())) {
            throw new UserError("the PKCS#11 module " + location.module() + " does not exist: install it (e.g. softhsm2 "
                    + "or opensc) or pass --pkcs11-module PATH");
        }
        Binding binding = Binding.load(location);
        long slot = binding.slotOf(location.uri());
        String config = config(location, slot);
        Provider provider = PROVIDERS.computeIfAbsent(config, c -> {
            try {
                return Security.getProvider("SunPKCS11").configure("--" + c);
            } catch (RuntimeException e) {
                throw new UserError("Java's PKCS#11 provider cannot use " + location.module() + " ("
                        + rootMessage(e) + "): check the module and the token");
            }
        });
        char[] chars = pin.chars();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS11", provider);
            keys.load(null, chars);
            return new Pkcs11Token(location, binding, slot, provider, keys);
        } catch (IOException e) {
            String code = rootMessage(e);
            if (code.contains("CKR_PIN_LOCKED")) {
                throw new UserError("the PIN of token '" + location.uri().token() + "' is locked after too many wrong "
                        + "entries: unlock it with the token's SO PIN (e.g. pkcs11-tool --unlock-pin)");
            }
            if (code.contains("CKR_PIN")) {
                throw new UserError("wrong PIN for token '" + location.uri().token() + "': set IKEV2KIT_CA_PIN or "
                        + "--ca-pin-file to the token's user PIN");
            }
            throw new UserError("cannot log in to token '" + location.uri().token() + "' (" + code
                    + "): check that it is plugged in and initialised");
        } catch (GeneralSecurityException e) {
            throw new UserError("cannot read token '" + location.uri().token() + "' (" + rootMessage(e) + ")");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public CaToken location() {
        return location;
    }

    /** The URI's key, if the token holds it; refused if it could ever leave the token. */
    public Optional<TokenSigner> key(KeyType expected) {
        Optional<String> alias = binding.aliasOf(slot, location.uri());
        if (alias.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!(keys.getKey(alias.get(), null) instanceof PrivateKey key)
                    || !(keys.getCertificate(alias.get()) instanceof X509Certificate stored)) {
                throw new UserError("token '" + location.uri().token() + "' shows no key entry for '"
                        + location.uri().object() + "': check the URI's object label");
            }
            PublicKey publicKey = standard(stored.getPublicKey());
            int bits = publicKey instanceof java.security.interfaces.RSAPublicKey rsa ? rsa.getModulus().bitLength()
                    : publicKey instanceof java.security.interfaces.ECPublicKey ec
                    ? ec.getParams().getCurve().getField().getFieldSize() : 0;
            // KeyType.of rounds to the nearest type it knows; a key made elsewhere must be exactly one of them
            if (!java.util.Set.of(256, 384, 3072, 4096).contains(bits) || (bits >= 3072) != publicKey.getAlgorithm().equals("RSA")) {
                throw new UserError("the " + location.describe() + " is a " + bits + "-bit " + publicKey.getAlgorithm()
                        + " key; a CA key here is one of " + KeyType.names() + ": name another key");
            }
            KeyType type = KeyType.of(publicKey);
            if (type != expected) {
                throw new UserError("the " + location.describe() + " is " + type.cliName() + ", not the site's "
                        + expected.cliName() + ": pass --key-type " + type.cliName() + " or name another key");
            }
            return Optional.of(new TokenSigner(provider, key, publicKey, type));
        } catch (GeneralSecurityException e) {
            throw new UserError("cannot read the " + location.describe() + " (" + rootMessage(e) + ")");
        }
    }

    /**
     * Generates the key inside the token: CKA_TOKEN (it persists), CKA_SENSITIVE and not CKA_EXTRACTABLE (it
     * never leaves), usable to sign only. Its label is the URI's object label, its CKA_ID the URI's id or
     * else the label's bytes.
     */
    public TokenSigner generate(KeyType type) {
        hex(location.uri().object().getBytes(StandardCharsets.UTF_8), "a label"); // refuses what config() left out
        hex(keyId(location.uri()), "an id");
        String label = location.uri().object();
        if (binding.certificatesLabelled(slot, label) > 0) {
            throw new UserError("token '" + location.uri().token() + "' already holds a certificate labelled '" + label
                    + "' (of another key), and Java finds keys by their certificate's label: choose another object=");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.isRsa() ? "RSA" : "EC", provider);
            if (type.isRsa()) {
                generator.initialize(type == KeyType.RSA_3072 ? 3072 : 4096);
            } else {
                generator.initialize(new ECGenParameterSpec(type == KeyType.ECDSA_P256 ? "secp256r1" : "secp384r1"));
            }
            KeyPair pair = generator.generateKeyPair();
            return new TokenSigner(provider, pair.getPrivate(), standard(pair.getPublic()), type);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UserError("token '" + location.uri().token() + "' cannot generate a " + type.cliName() + " key ("
                    + rootMessage(e) + "): pick a --key-type it supports");
        }
    }

    /** Stores the CA certificate beside its key (same label and CKA_ID), which is how the key is found again. */
    public void storeCertificate(X509Certificate certificate) {
        binding.storeCertificate(slot, location.uri(), certificate);
    }

    private static byte[] keyId(Pkcs11Uri uri) {
        return uri.id().map(Pkcs11Uri.KeyId::bytes).orElseGet(() -> uri.object().getBytes(StandardCharsets.UTF_8));
    }

    /** The provider's configuration; without generation attributes when the label or id cannot be written in it. */
    private static String config(CaToken location, long slot) {
        String label;
        String id;
        try {
            label = hex(location.uri().object().getBytes(StandardCharsets.UTF_8), "a label");
            id = hex(keyId(location.uri()), "an id");
        } catch (UserError e) {
            return "name = ikev2kit-%d\nlibrary = %s\nslot = %d\n".formatted(slot, location.module(), slot);
        }
        return """
                name = ikev2kit-%d
                library = %s
                slot = %d
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                  CKA_DECRYPT = false
                  CKA_UNWRAP = false
                  CKA_LABEL = %s
                  CKA_ID = %s
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_VERIFY = true
                  CKA_ENCRYPT = false
                  CKA_WRAP = false
                  CKA_LABEL = %s
                  CKA_ID = %s
                }
                """.formatted(slot, location.module(), slot, label, id, label, id);
    }

    /**
     * A byte string in SunPKCS11's configuration syntax. It reads {@code 0h...} as a positive BigInteger, so a
     * first byte of 0x00 would be dropped and one of 0x80 or more would gain a 0x00: such values are refused.
     */
    private static String hex(byte[] bytes, String what) {
        if ((bytes[0] & 0xff) == 0 || (bytes[0] & 0xff) >= 0x80) {
            throw new UserError("ikev2kit cannot give a new token key " + what + " starting with byte 0x"
                    + String.format("%02x", bytes[0] & 0xff) + " (Java's PKCS#11 configuration would change it): "
                    + "start it with another byte, or make the key with the token's own tool");
        }
        StringBuilder out = new StringBuilder("0h");
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    /** A provider-neutral copy of a public key, so the CA certificate's key does not depend on the token. */
    private static PublicKey standard(PublicKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder codes = new StringBuilder();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("CKR_")) {
                codes.append(t.getMessage());
                break;
            }
        }
        String message = codes.length() > 0 ? codes.toString() : String.valueOf(root.getMessage());
        return message.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /**
     * The JDK's PKCS#11 binding, by reflection: only slot and object lookups go through it. The module is
     * initialised here the way SunPKCS11 does it (OS locking), and SunPKCS11 reuses that instance.
     */
    private record Binding(Object p11, CaToken location) {
        static Binding load(CaToken location) {
            try {
                Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
                Class<?> initArgs = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
                Object args = initArgs.getConstructor().newInstance();
                initArgs.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
                Object p11 = pkcs11.getMethod("getInstance", String.class, String.class, initArgs, boolean.class)
                        .invoke(null, location.module().toString(), "C_GetFunctionList", args, false);
                return new Binding(p11, location);
            } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException
                     | InstantiationException e) {
                throw new UserError("this Java does not let ikev2kit reach PKCS#11 (" + e.getClass().getSimpleName()
                        + "): run it with its launcher, or add --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
            } catch (InvocationTargetException e) {
                throw new UserError("cannot load the PKCS#11 module " + location.module() + " ("
                        + rootMessage(e.getCause()) + "): check it is a PKCS#11 library for this machine");
            }
        }

        long slotOf(Pkcs11Uri uri) {
            List<String> seen = new ArrayList<>();
            List<Long> matches = new ArrayList<>();
            for (long slot : (long[]) call("C_GetSlotList", new Class<?>[] {boolean.class}, true)) {
                Object info = call("C_GetTokenInfo", new Class<?>[] {long.class}, slot);
                String label = field(info, "label");
                if (!label.isEmpty()) {
                    seen.add(label);
                }
                if (label.equals(wire(uri.token()))
                        && uri.serial().map(s -> field(info, "serialNumber").equals(wire(s))).orElse(true)
                        && uri.manufacturer().map(s -> field(info, "manufacturerID").equals(wire(s))).orElse(true)
                        && uri.model().map(s -> field(info, "model").equals(wire(s))).orElse(true)) {
                    matches.add(slot);
                }
            }
            if (matches.isEmpty()) {
                throw new UserError("no token labelled '" + uri.token() + "' through " + location.module()
                        + " (tokens present: " + (seen.isEmpty() ? "none" : String.join(", ", seen.stream()
                        .map(s -> "'" + s.replaceAll("[^\\x20-\\x7e]", "?") + "'").toList()))
                        + "): plug it in, or create it (e.g. softhsm2-util --init-token --free --label LABEL)");
            }
            if (matches.size() > 1) {
                throw new UserError(matches.size() + " tokens are labelled '" + uri.token() + "': add serial=... to the "
                        + "URI to pick one (pkcs11-tool -L lists them)");
            }
            return matches.get(0);
        }

        /**
         * The key store alias of the private key labelled {@code label}: the label of the certificate with the
         * key's CKA_ID. Empty when the token holds no such key.
         */
        Optional<String> aliasOf(long slot, Pkcs11Uri uri) {
            String label = uri.object();
            long session = open(slot, CKF_SERIAL_SESSION);
            try {
                List<Object> template = new ArrayList<>(List.of(attribute(CKA_CLASS, CKO_PRIVATE_KEY),
                        attribute(CKA_LABEL, label.getBytes(StandardCharsets.UTF_8))));
                uri.id().ifPresent(id -> template.add(attribute(CKA_ID, id.bytes())));
                long[] found = find(session, template.toArray());
                if (found.length == 0) {
                    return Optional.empty();
                }
                if (found.length > 1) {
                    throw new UserError("token '" + location.uri().token() + "' holds " + found.length + " keys labelled '"
                            + label + "': add the key's id=%.. to the URI (pkcs11-tool -O lists them)");
                }
                Object[] attributes = attributes(CKA_ID, CKA_SENSITIVE, CKA_EXTRACTABLE);
                call("C_GetAttributeValue", new Class<?>[] {long.class, long.class, attributes.getClass()},
                        session, found[0], attributes);
                if (!Boolean.TRUE.equals(value(attributes[1])) || !Boolean.FALSE.equals(value(attributes[2]))) {
                    throw new UserError("the " + location.describe() + " can be read out of the token (it is not "
                            + "sensitive and non-extractable): generate a new key with 'ikev2kit init --ca-key URI'");
                }
                byte[] id = (byte[]) value(attributes[0]);
                long[] certificates = find(session, attribute(CKA_CLASS, CKO_CERTIFICATE), attribute(CKA_ID, id));
                if (certificates.length == 0) {
                    throw new UserError("token '" + location.uri().token() + "' holds key '" + label + "' but no "
                            + "certificate with its CKA_ID, and Java reaches token keys through one: store one beside it "
                            + "(pkcs11-tool --write-object CERT.der --type cert --id ID --label " + label + ")");
                }
                Object[] certLabel = attributes(CKA_LABEL);
                call("C_GetAttributeValue", new Class<?>[] {long.class, long.class, certLabel.getClass()},
                        session, certificates[0], certLabel);
                Object text = value(certLabel[0]);
                String alias = text instanceof char[] chars ? new String(chars) : label;
                if (countCertificates(session, alias) > 1) {
                    throw new UserError("token '" + location.uri().token() + "' holds several certificates labelled '"
                            + alias + "', and Java's PKCS#11 key store skips such duplicates: give each key's "
                            + "certificate a label of its own");
                }
                return Optional.of(alias);
            } finally {
                call("C_CloseSession", new Class<?>[] {long.class}, session);
            }
        }

        int certificatesLabelled(long slot, String label) {
            long session = open(slot, CKF_SERIAL_SESSION);
            try {
                return countCertificates(session, label);
            } finally {
                call("C_CloseSession", new Class<?>[] {long.class}, session);
            }
        }

        private int countCertificates(long session, String label) {
            return find(session, attribute(CKA_CLASS, CKO_CERTIFICATE),
                    attribute(CKA_LABEL, label.getBytes(StandardCharsets.UTF_8))).length;
        }

        /** The CA certificate as a token object: public, on the token, the key's label and CKA_ID. */
        void storeCertificate(long slot, Pkcs11Uri uri, X509Certificate certificate) {
            long session = open(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION);
            try {
                Object[] template = array(attribute(CKA_CLASS, CKO_CERTIFICATE),
                        attribute(CKA_CERTIFICATE_TYPE, CKC_X_509), flag(CKA_TOKEN, true), flag(CKA_PRIVATE, false),
                        attribute(CKA_LABEL, uri.object().getBytes(StandardCharsets.UTF_8)),
                        attribute(CKA_ID, keyId(uri)),
                        attribute(CKA_SUBJECT, certificate.getSubjectX500Principal().getEncoded()),
                        attribute(CKA_ISSUER, certificate.getIssuerX500Principal().getEncoded()),
                        attribute(CKA_SERIAL_NUMBER, Der.integer(certificate.getSerialNumber())),
                        attribute(CKA_VALUE, certificate.getEncoded()));
                call("C_CreateObject", new Class<?>[] {long.class, template.getClass()}, session, template);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the CA certificate", e);
            } finally {
                call("C_CloseSession", new Class<?>[] {long.class}, session);
            }
        }

        private long open(long slot, long flags) {
            return (long) call("C_OpenSession", new Class<?>[] {long.class, long.class, Object.class, klass("CK_NOTIFY")},
                    slot, flags, null, null);
        }

        private Object[] array(Object... attributes) {
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(klass("CK_ATTRIBUTE"), attributes.length);
            System.arraycopy(attributes, 0, array, 0, attributes.length);
            return array;
        }

        private Object flag(long type, boolean value) {
            return construct(new Class<?>[] {long.class, boolean.class}, type, value);
        }

        private long[] find(long session, Object... template) {
            Object array = java.lang.reflect.Array.newInstance(klass("CK_ATTRIBUTE"), template.length);
            for (int i = 0; i < template.length; i++) {
                java.lang.reflect.Array.set(array, i, template[i]);
            }
            call("C_FindObjectsInit", new Class<?>[] {long.class, array.getClass()}, session, array);
            try {
                return (long[]) call("C_FindObjects", new Class<?>[] {long.class, long.class}, session, 8L);
            } finally {
                call("C_FindObjectsFinal", new Class<?>[] {long.class}, session);
            }
        }

        private Object[] attributes(long... types) {
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(klass("CK_ATTRIBUTE"), types.length);
            for (int i = 0; i < types.length; i++) {
                array[i] = construct(new Class<?>[] {long.class}, types[i]);
            }
            return array;
        }

        private Object attribute(long type, Object value) {
            return construct(new Class<?>[] {long.class, Object.class}, type, value);
        }

        private Object construct(Class<?>[] types, Object... args) {
            try {
                return klass("CK_ATTRIBUTE").getConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the JDK's PKCS#11 binding changed", e);
            }
        }

        private static Object value(Object attribute) {
            try {
                Object value = attribute.getClass().getField("pValue").get(attribute);
                if (value instanceof byte[] bytes && bytes.length == 1
                        && attribute.getClass().getField("type").getLong(attribute) != CKA_ID) {
                    return bytes[0] != 0; // CK_BBOOL
                }
                return value;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the JDK's PKCS#11 binding changed", e);
            }
        }

        private Object call(String name, Class<?>[] types, Object... args) {
            try {
                Method method = p11.getClass().getMethod(name, types);
                return method.invoke(p11, args);
            } catch (InvocationTargetException e) {
                throw new UserError("token '" + location.uri().token() + "' failed " + name + " ("
                        + rootMessage(e.getCause()) + "): check that it is plugged in");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the JDK's PKCS#11 binding changed", e);
            }
        }

        private static Class<?> klass(String name) {
            try {
                return Class.forName(WRAPPER + name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the JDK's PKCS#11 binding changed", e);
            }
        }

        /** A CK_TOKEN_INFO text field as the binding returns it: one char per byte, padded with blanks. */
        private static String field(Object info, String name) {
            try {
                char[] chars = (char[]) info.getClass().getField(name).get(info);
                return new String(chars).stripTrailing();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the JDK's PKCS#11 binding changed", e);
            }
        }

        /** How the binding shows a UTF-8 label: each byte as one char. */
        private static String wire(String text) {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
    }
}
