package io.ikev2kit.cli.site;

import io.ikev2kit.cli.options.CaPassphraseOption;
import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.FreeText;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pkcs11Uri;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteFile;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", description = "Create a site: its CA, the server certificate and the site file.",
        footer = {"", "Example:", "  IKEV2KIT_CA_PASSWORD=... ikev2kit init --dir mysite --host vpn.example.com \\",
                "      --ip 203.0.113.10 --ip 2001:db8::10 --name \"Example VPN\" --org Example --country DE"})
public final class InitCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, description = "The DNS name (or IP) clients connect to.")
    String host;
    @Option(names = "--ip", paramLabel = "ADDR", description = "A public address of the server (repeatable).")
    List<String> ips = new ArrayList<>();
    @Option(names = "--name", description = "The VPN's name on devices (default: the host).")
    String name;
    @Option(names = "--org", description = "Organisation in the certificates (default: the name).")
    String org;
    @Option(names = "--country", paramLabel = "CC", description = "Two-letter country code for the certificates.")
    String country;
    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ecdsa-p256",
            description = "ecdsa-p256 (default), ecdsa-p384, rsa-3072 or rsa-4096.")
    String keyType;
    @Option(names = "--ca-days", paramLabel = "N", defaultValue = "3650", description = "CA lifetime (default 3650).")
    int caDays;
    @Option(names = "--server-days", paramLabel = "N", defaultValue = "730", description = "Server certificate lifetime (default 730).")
    int serverDays;
    @Option(names = "--device-days", paramLabel = "N", defaultValue = "730", description = "Default device certificate lifetime (default 730).")
    int deviceDays;
    @Option(names = "--pool", paramLabel = "CIDR", description = "Client address pool: one IPv4, optionally one IPv6 "
            + "(default: 10.10.10.0/24, and a random private IPv6 /112 when an --ip is IPv6).")
    List<String> pools = new ArrayList<>();
    @Option(names = "--dns", paramLabel = "ADDR", description = "DNS server pushed to clients (default: 1.1.1.1 and 2606:4700:4700::1111).")
    List<String> dns = new ArrayList<>();
    @Option(names = "--route", paramLabel = "CIDR", description = "Tunnel only this block (split tunnel; repeatable). Default: everything.")
    List<String> routes = new ArrayList<>();
    @Option(names = "--suite", defaultValue = "modern", description = "modern (default) or compatible.")
    String suite;
    @Option(names = "--uplink", paramLabel = "IFACE", description = "The server's internet interface for NAT (default: detected at install).")
    String uplink;
    @Option(names = "--nat66", description = "Masquerade a global IPv6 pool too (a private one always is).")
    boolean nat66;
    @Option(names = "--override-primary", paramLabel = "0|1", defaultValue = "0",
            description = "Apple's OverridePrimary (default 0; see the README).")
    int overridePrimary;
    @Option(names = "--ca-key", paramLabel = "URI", description = "Keep the CA key in a PKCS#11 token, e.g. "
            + "'pkcs11:token=ikev2kit-ca;object=ca' (RFC 7512): generated there unless the token holds that key.")
    String caKey;
    @Option(names = "--pkcs11-module", paramLabel = "PATH",
            description = "With --ca-key: the token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    String pkcs11Module;
    @Mixin
    CaPassphraseOption caPassphrase;

    @Override
    public Integer call() {
        Site siteModel = site();
        String displayName = siteModel.displayName();
        if (org != null) {
            FreeText.check(org, "--org", CaSubject.MAX_VALUE);
        }
        CaSubject subject = new CaSubject(displayName + " Root CA", org == null ? displayName : org, country);
        Passphrase secret = siteModel.caToken().isPresent() ? caPassphrase.pin() : caPassphrase.chooseNew();
        SiteWorkspace workspace = SiteWorkspace.init(site.dir(), siteModel, subject, caDays, secret);
        PrintWriter out = spec.commandLine().getOut();
        out.println("created site " + workspace.dir());
        out.println("  " + SiteFile.NAME + "      settings (host, addresses, pools, DNS, suite): edit and re-export");
        out.println("  pki/ca.pem       CA \"" + subject.commonName() + "\" (" + siteModel.keyType().cliName()
                + ", " + caDays + " days)");
        siteModel.caToken().ifPresentOrElse(
                token -> out.println("  CA key           in the token, never exported: " + token.uri()),
                () -> out.println("  pki/ca.key       CA key, encrypted with your passphrase (keep a backup; never copy it to the server)"));
        out.println("  pki/server.pem   server certificate for " + siteModel.host() + " (" + serverDays + " days)");
        out.println("next: ikev2kit device add NAME --dir " + site.dir + "   then   ikev2kit server --out DIR --dir " + site.dir);
        return 0;
    }

    Site site() {
        if (overridePrimary != 0 && overridePrimary != 1) {
            throw new io.ikev2kit.pki.UserError("--override-primary takes 0 or 1, not " + overridePrimary);
        }
        if (name != null) {
            FreeText.check(name, "--name", Site.MAX_NAME);
        }
        HostName hostName = new HostName(host);
        List<InetAddress> addresses = ips.stream().map(IpAddresses::parse).toList();
        boolean serverHasIpv6 = Site.hasIpv6(hostName, addresses);
        List<Cidr> poolList = pools.isEmpty() ? defaultPools(serverHasIpv6) : pools.stream().map(Cidr::parse).toList();
        boolean hasIpv6Pool = poolList.stream().anyMatch(p -> !p.isIpv4());
        if (hasIpv6Pool && !serverHasIpv6) {
            throw new io.ikev2kit.pki.UserError("an IPv6 pool needs a server with an IPv6 address, or its clients' IPv6 "
                    + "goes nowhere: add the server's IPv6 address with --ip, or leave the IPv6 pool out");
        }
        List<InetAddress> dnsList = dns.isEmpty()
                ? defaultDns(hasIpv6Pool) : dns.stream().map(IpAddresses::parse).toList();
        Site model = new Site(hostName, addresses, name == null ? hostName.value() : name, poolList, dnsList,
                routes.stream().map(Cidr::parse).toList(), CryptoSuite.parse(suite), KeyType.parse(keyType),
                deviceDays, serverDays, overridePrimary == 1, Optional.ofNullable(uplink), nat66);
        if (caKey == null) {
            if (pkcs11Module != null) {
                throw new io.ikev2kit.pki.UserError("--pkcs11-module goes with --ca-key URI: name the token's key too");
            }
            return model;
        }
        if (pkcs11Module == null) {
            throw new io.ikev2kit.pki.UserError("--ca-key needs --pkcs11-module PATH, the token's PKCS#11 library "
                    + "(e.g. /usr/lib/softhsm/libsofthsm2.so, or opensc-pkcs11.so for a YubiKey or Nitrokey)");
        }
        return model.withCaToken(CaToken.of(Pkcs11Uri.parse(caKey), pkcs11Module));
    }

    /**
     * With IPv6 on the server, a random ULA prefix (RFC 4193), so two sites never hand out the same IPv6 addresses;
     * the site masquerades it (NAT66).
     */
    private static List<Cidr> defaultPools(boolean ipv6) {
        if (!ipv6) {
            return List.of(Cidr.parse("10.10.10.0/24"));
        }
        byte[] global = new byte[5];
        new SecureRandom().nextBytes(global);
        String ula = String.format("fd%02x:%02x%02x:%02x%02x::/112", global[0], global[1], global[2], global[3], global[4]);
        return List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse(ula));
    }

    private static List<InetAddress> defaultDns(boolean ipv6) {
        List<InetAddress> list = new ArrayList<>(List.of(IpAddresses.parse("1.1.1.1")));
        if (ipv6) {
            list.add(IpAddresses.parse("2606:4700:4700::1111"));
        }
        return list;
    }
}
