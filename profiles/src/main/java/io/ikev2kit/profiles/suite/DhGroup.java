package io.ikev2kit.profiles.suite;

/** A Diffie-Hellman group: IANA number (Apple), strongSwan keyword, Windows DHGroup and PfsGroup names. */
public enum DhGroup {
    MODP2048(14, "modp2048", "Group14", "PFS2048"),
    ECP256(19, "ecp256", "ECP256", "ECP256"),
    ECP384(20, "ecp384", "ECP384", "ECP384"),
    CURVE25519(31, "curve25519", null, null);

    private final int number;
    private final String strongswan;
    private final String windowsDhGroup;
    private final String windowsPfsGroup;

    DhGroup(int number, String strongswan, String windowsDhGroup, String windowsPfsGroup) {
        this.number = number;
        this.strongswan = strongswan;
        this.windowsDhGroup = windowsDhGroup;
        this.windowsPfsGroup = windowsPfsGroup;
    }

    public int number() {
        return number;
    }

    public String strongswan() {
        return strongswan;
    }

    public String windowsDhGroup() {
        return windowsDhGroup;
    }

    public String windowsPfsGroup() {
        return windowsPfsGroup;
    }

    public static DhGroup fromNumber(int number) {
        for (DhGroup g : values()) {
            if (g.number == number) {
                return g;
            }
        }
        throw new IllegalArgumentException("DH group " + number + " is not allowed");
    }

    public static DhGroup fromWindows(String name) {
        for (DhGroup g : values()) {
            if (name.equals(g.windowsDhGroup) || name.equals(g.windowsPfsGroup)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no DH group is called " + name + " by Windows");
    }
}
