package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.FreeText;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pkcs11Uri;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code site.conf}: the human-editable record of a site, one {@code key = value} per line, lists separated
 * by commas, {@code #} starts a comment. A value that holds a {@code #}, starts with a {@code "} or would lose a
 * space is written in double quotes, with {@code \"} and {@code \\} inside, so every value the site accepts reads
 * back unchanged. Reading is strict: an unknown key or a bad value is reported with the file and line, so a
 * typo never silently falls back to a default.
 */
public final class SiteFile {
    public static final String NAME = "site.conf";
    /** Far more than any site file holds; a larger one is not a site file. */
    static final int MAX_BYTES = 1 << 20;

    private static final List<String> KEYS = List.of("host", "addresses", "name", "pools", "dns", "routes", "suite",
            "key-type", "device-days", "server-days", "override-primary", "uplink", "nat66", "fixed-addresses", "isolate-clients", "ca-key", "pkcs11-module");

    private SiteFile() {
    }

    public static Path path(Path siteDir) {
        return siteDir.resolve(NAME);
    }

    public static String format(Site site) {
        return """
                # ikev2kit site file: edit a value, then regenerate what depends on it
                # (ikev2kit server --out DIR, ikev2kit device export NAME ...). Lists are comma-separated.

                # The name clients dial and the server's IKE identity. Changing it needs a new server certificate.
                host = %s
                # Public addresses of the server; each goes into the server certificate as an IP and a DNS name.
                addresses = %s
                # What devices show as the VPN's name.
                name = %s

                # Virtual addresses handed to clients (one IPv4 pool, optionally one IPv6 pool, e.g. a /112).
                pools = %s
                # DNS servers pushed to clients.
                dns = %s
                # Empty: full tunnel (all traffic). Otherwise only these blocks go through the VPN (split tunnel).
                routes = %s

                # Crypto suite: modern (AES-256-GCM, SHA-384, ECP-384) or compatible (AES-256-CBC, SHA-256, MODP-2048).
                suite = %s
                key-type = %s
                device-days = %d
                server-days = %d

                # Apple's OverridePrimary (0/1). 0 is the well-tested choice: for IKEv2 the server's traffic
                # selectors already decide what is tunnelled, and 1 made the iOS VPN switch turn itself off.
                override-primary = %s
                # Interface that NAT masquerades out of; empty = detected by install.sh (the default route's).
                uplink = %s
                # IPv6 clients get the IPv6 pool only when addresses has an IPv6 address. A pool outside global
                # unicast (2000::/3, e.g. a private fd.. pool) is always masqueraded (NAT66); true does it for a
                # routed global prefix too.
                nat66 = %s

                # The part of each pool that devices' fixed addresses come from (device add NAME --address A or
                # --fixed); the server hands out only the rest. One block per pool, starting or ending it.
                # Empty: the lower half of each pool (10.10.10.0/24: fixed 10.10.10.1-127, others .128-254).
                fixed-addresses = %s
                # true: devices cannot reach each other through the VPN; false: they can.
                isolate-clients = %s
                """.formatted(site.host(), join(site.addresses(), IpAddresses::format), quoted(site.displayName()),
                join(site.pools(), Cidr::toString), join(site.dns(), IpAddresses::format), join(site.routes(), Cidr::toString),
                site.suite().label(), site.keyType().cliName(), site.deviceDays(), site.serverDays(),
                site.overridePrimary() ? "1" : "0", site.uplink().orElse(""), site.nat66(),
                join(site.fixedBlocks(), Cidr::toString), site.isolateClients())
                + site.caToken().map(SiteFile::formatToken).orElse("");
    }

    /** Written only for a token site, so a file-key site's site.conf stays as it was. */
    private static String formatToken(CaToken token) {
        return """

                # The CA key is in a PKCS#11 token (its PIN: IKEV2KIT_CA_PIN, --ca-pin-file or a prompt).
                # It never leaves the token and is not in backups: keep the token, or know how to re-create the site.
                ca-key = %s
                pkcs11-module = %s
                """.formatted(quoted(token.uri().toString()), quoted(token.module().toString()));
    }

    /** Owner-only: whoever can rewrite site.conf decides the DNS, routes and host of the next bundle and profiles. */
    public static void write(Path siteDir, Site site) {
        AtomicFiles.writeSecret(path(siteDir), format(site).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Site read(Path siteDir) {
        Path file = path(siteDir);
        if (!InputFiles.exists(file)) {
            throw new UserError("no site in " + siteDir + " (" + NAME + " is missing): run 'ikev2kit init --host HOST' "
                    + "first, or pass --dir SITE");
        }
        String text = InputFiles.readText(file, MAX_BYTES, "the site file");
        return parse(text, file.toString());
    }

    public static Site parse(String text, String source) {
        Map<String, Line> values = new LinkedHashMap<>();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as Windows editors write it
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int eq = line.indexOf('=');
            int hash = line.indexOf('#');
            if (hash >= 0 && (eq < 0 || hash < eq)) {
                line = line.substring(0, hash);
                eq = -1;
            }
            if (line.isBlank()) {
                continue;
            }
            if (eq < 0) {
                throw new UserError(source + " line " + (i + 1) + ": expected 'key = value', found "
                        + Visible.quote(line.strip()));
            }
            String key = line.substring(0, eq).strip();
            if (!KEYS.contains(key)) {
                throw new UserError(source + " line " + (i + 1) + ": unknown setting " + Visible.quote(key) + " (known: "
                        + String.join(", ", KEYS) + ")");
            }
            if (values.containsKey(key)) {
                throw new UserError(source + " line " + (i + 1) + ": '" + key + "' is set twice; keep one");
            }
            values.put(key, new Line(i + 1, value(line.substring(eq + 1), source + " line " + (i + 1))));
        }
        Reader r = new Reader(values, source);
        Site site;
        try {
            site = new Site(r.get("host", HostName::new), r.list("addresses", IpAddresses::parse),
                    r.get("name", s -> FreeText.check(s, "the VPN name", Site.MAX_NAME)),
                    r.list("pools", Cidr::parse), r.list("dns", IpAddresses::parse), r.list("routes", Cidr::parse),
                    r.get("suite", CryptoSuite::parse), r.get("key-type", KeyType::parse),
                    r.get("device-days", SiteFile::days), r.get("server-days", SiteFile::days),
                    r.get("override-primary", SiteFile::flag), r.optional("uplink"), r.get("nat66", SiteFile::flag),
                    caToken(r), r.list("fixed-addresses", Cidr::parse), r.flag("isolate-clients", false));
        } catch (UserError e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new UserError(source + ": " + e.getMessage());
        }
        return site;
    }

    private static Optional<CaToken> caToken(Reader r) {
        Optional<String> uri = r.optional("ca-key");
        Optional<String> module = r.optional("pkcs11-module");
        if (uri.isEmpty() && module.isEmpty()) {
            return Optional.empty();
        }
        if (uri.isEmpty() || module.isEmpty()) {
            throw new UserError("a token site needs both 'ca-key = pkcs11:...' and 'pkcs11-module = PATH'");
        }
        Pkcs11Uri parsed = r.get("ca-key", Pkcs11Uri::parse);
        return Optional.of(r.get("pkcs11-module", path -> CaToken.of(parsed, path)));
    }

    /** A value as written: quoted when a '#', a leading '"' or a leading or trailing space would change it. */
    static String quoted(String value) {
        boolean plain = !value.isEmpty() && value.indexOf('#') < 0 && value.charAt(0) != '"'
                && value.strip().equals(value);
        return plain ? value : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The text after '=': a quoted string, or up to a '#' comment, without surrounding spaces. */
    private static String value(String text, String where) {
        String rest = text.strip();
        if (!rest.startsWith("\"")) {
            int hash = rest.indexOf('#');
            return (hash >= 0 ? rest.substring(0, hash) : rest).strip();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length() && (rest.charAt(i + 1) == '"' || rest.charAt(i + 1) == '\\')) {
                out.append(rest.charAt(++i));
            } else if (c == '"') {
                String after = rest.substring(i + 1).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    throw new UserError(where + ": text after the closing quote: put the whole value in the quotes");
                }
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new UserError(where + ": the quoted value has no closing '\"': end it with a quote");
    }

    private static int days(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserError(Visible.quote(text) + " is not a number of days");
        }
    }

    private static boolean flag(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new UserError(Visible.quote(text) + " is not a yes/no value: write true or false (1 or 0)");
        };
    }

    private static <T> String join(List<T> items, Function<T, String> format) {
        return String.join(", ", items.stream().map(format).toList());
    }

    private record Line(int number, String value) {
    }

    /** Converts values, prefixing any error with the file and line it came from. */
    private record Reader(Map<String, Line> values, String source) {
        <T> T get(String key, Function<String, T> convert) {
            Line line = values.get(key);
            if (line == null || line.value().isEmpty()) {
                throw new UserError(source + ": '" + key + "' is missing; add a line '" + key + " = ...'");
            }
            return at(line, key, convert);
        }

        <T> List<T> list(String key, Function<String, T> convert) {
            Line line = values.get(key);
            if (line == null || line.value().isEmpty()) {
                return List.of();
            }
            List<T> out = new ArrayList<>();
            for (String item : Arrays.stream(line.value().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                out.add(at(line, key, s -> convert.apply(item)));
            }
            return out;
        }

        /** An optional 0/1 setting: a site.conf written before the setting existed gets {@code absent}. */
        boolean flag(String key, boolean absent) {
            Line line = values.get(key);
            return line == null || line.value().isEmpty() ? absent : at(line, key, SiteFile::flag);
        }

        Optional<String> optional(String key) {
            Line line = values.get(key);
            return line == null || line.value().isEmpty() ? Optional.empty() : Optional.of(line.value());
        }

        private <T> T at(Line line, String key, Function<String, T> convert) {
            try {
                return convert.apply(line.value());
            } catch (UserError e) {
                throw new UserError(source + " line " + line.number() + " (" + key + "): " + e.getMessage());
            }
        }
    }
}
