package io.ikev2kit.profiles.suite;

/**
 * An encryption algorithm under each name it goes by. Windows names the IKE setting (EncryptionMethod) and the
 * ESP setting (CipherTransformConstants) separately; null where a client cannot use the algorithm.
 */
public enum Cipher {
    AES256_GCM("aes256gcm16", "AES-256-GCM", "GCMAES256", "GCMAES256", true),
    AES128_GCM("aes128gcm16", "AES-128-GCM", "GCMAES128", "GCMAES128", true),
    AES256_CBC("aes256", "AES-256", "AES256", "AES256", false),
    AES128_CBC("aes128", "AES-128", "AES128", "AES128", false),
    CHACHA20_POLY1305("chacha20poly1305", "ChaCha20Poly1305", null, null, true);

    private final String strongswan;
    private final String apple;
    private final String windowsEncryptionMethod;
    private final String windowsCipherTransform;
    private final boolean aead;

    Cipher(String strongswan, String apple, String windowsEncryptionMethod, String windowsCipherTransform, boolean aead) {
        this.strongswan = strongswan;
        this.apple = apple;
        this.windowsEncryptionMethod = windowsEncryptionMethod;
        this.windowsCipherTransform = windowsCipherTransform;
        this.aead = aead;
    }

    public String strongswan() {
        return strongswan;
    }

    public String apple() {
        return apple;
    }

    public String windowsEncryptionMethod() {
        return windowsEncryptionMethod;
    }

    public String windowsCipherTransform() {
        return windowsCipherTransform;
    }

    /** AEAD ciphers carry their own integrity: ESP proposals name no integrity algorithm. */
    public boolean aead() {
        return aead;
    }

    public static Cipher fromApple(String name) {
        for (Cipher c : values()) {
            if (c.apple.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cipher is called " + name + " by Apple");
    }

    public static Cipher fromWindows(String cipherTransform) {
        for (Cipher c : values()) {
            if (cipherTransform.equals(c.windowsCipherTransform) || cipherTransform.equals(c.windowsEncryptionMethod)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cipher is called " + cipherTransform + " by Windows");
    }
}
