/**
 * The server bundle for strongSwan: swanctl.conf or ipsec.conf, secrets, sysctl, NAT rules and
 * install.sh rendered from the site and its certificates, a connection of its own for each device with a fixed
 * address or allowed networks, and the stamp that tells whether a bundle is current.
 */
package io.ikev2kit.profiles.server;
