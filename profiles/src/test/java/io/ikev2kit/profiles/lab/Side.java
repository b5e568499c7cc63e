package io.ikev2kit.profiles.lab;

/** The three hosts of the lab: a VPN client, the VPN server, and a host on the "internet" behind the server. */
public enum Side {
    CLIENT,
    SERVER,
    INTERNET
}
