package io.ikev2kit.profiles.lab;

/**
 * The hosts of the lab: a VPN client, the VPN server, and a host on the "internet" behind the server; on demand
 * ({@link NetnsLab#addSecondClient}, {@link NetnsLab#addOffice}) a second VPN client and an office network that routes
 * the VPN's pools back, as a company network behind the server does.
 */
public enum Side {
    CLIENT,
    SERVER,
    INTERNET,
    CLIENT2,
    OFFICE;

    /** The three every lab has. */
    static final java.util.List<Side> BASIC = java.util.List.of(CLIENT, SERVER, INTERNET);
}
