package io.ikev2kit.profiles.lab;

/** How a NAT rules file is loaded into the server's namespace. */
public enum NatKind {
    /** An nftables script, loaded with {@code nft -f FILE}. */
    NFTABLES,
    /** An iptables-save style file, loaded with {@code iptables-restore < FILE}. */
    IPTABLES
}
