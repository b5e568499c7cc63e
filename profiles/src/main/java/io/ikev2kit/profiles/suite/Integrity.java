package io.ikev2kit.profiles.suite;

/**
 * A hash used for integrity and as the IKE PRF. Windows' IKE IntegrityCheckMethod doubles as the PRF;
 * its ESP AuthenticationTransformConstants has no SHA-384 form, so ESP with CBC uses SHA-256.
 */
public enum Integrity {
    SHA256("sha256", "prfsha256", "SHA2-256", "SHA256", "SHA256128"),
    SHA384("sha384", "prfsha384", "SHA2-384", "SHA384", null),
    SHA512("sha512", "prfsha512", "SHA2-512", null, null);

    private final String strongswan;
    private final String strongswanPrf;
    private final String apple;
    private final String windowsIntegrityCheck;
    private final String windowsAuthenticationTransform;

    Integrity(String strongswan, String strongswanPrf, String apple, String windowsIntegrityCheck,
              String windowsAuthenticationTransform) {
        this.strongswan = strongswan;
        this.strongswanPrf = strongswanPrf;
        this.apple = apple;
        this.windowsIntegrityCheck = windowsIntegrityCheck;
        this.windowsAuthenticationTransform = windowsAuthenticationTransform;
    }

    public String strongswan() {
        return strongswan;
    }

    public String strongswanPrf() {
        return strongswanPrf;
    }

    public String apple() {
        return apple;
    }

    public String windowsIntegrityCheck() {
        return windowsIntegrityCheck;
    }

    public String windowsAuthenticationTransform() {
        return windowsAuthenticationTransform;
    }

    public static Integrity fromApple(String name) {
        for (Integrity i : values()) {
            if (i.apple.equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no integrity algorithm is called " + name + " by Apple");
    }

    public static Integrity fromWindows(String name) {
        for (Integrity i : values()) {
            if (name.equals(i.windowsIntegrityCheck) || name.equals(i.windowsAuthenticationTransform)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no integrity algorithm is called " + name + " by Windows");
    }
}
