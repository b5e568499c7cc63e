package io.ikev2kit.profiles.windows;

import io.ikev2kit.pki.Certificates;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.templates.Renderer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Windows setup script for one device: a self-contained PowerShell file that trusts the CA, imports the
 * device's p12 into the machine store and creates an IKEv2 connection with the site's IPsec suite, plus a small
 * {@code .cmd} launcher that starts it elevated with the execution policy relaxed for that one process.
 */
public final class WindowsScript {
    static final String SCRIPT_TEMPLATE = "device.ps1.ftl";
    static final String LAUNCHER_TEMPLATE = "device.cmd.ftl";
    private static final int BASE64_LINE = 76;

    private WindowsScript() {
    }

    public static String fileName(Device device) {
        return device.name() + ".ps1";
    }

    public static String launcherFileName(Device device) {
        return device.name() + ".cmd";
    }

    /** The script text: UTF-8 with a byte order mark (Windows PowerShell 5.1 reads BOM-less files as ANSI), CRLF. */
    public static String build(Site site, Device device, Renderer renderer) {
        return "\uFEFF" + crlf(renderer.render(SCRIPT_TEMPLATE, model(site, device)));
    }

    /** The double-click launcher; cmd.exe wants CRLF line endings. */
    public static String launcher(Device device, Renderer renderer) {
        return crlf(renderer.render(LAUNCHER_TEMPLATE, Map.of("scriptName", fileName(device))));
    }

    static Map<String, Object> model(Site site, Device device) {
        CryptoSuite.WindowsIpsecSettings ipsec = site.suite().windows();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fileName", fileName(device));
        model.put("launcherName", launcherFileName(device));
        model.put("connectionName", PowerShell.quote(site.displayName()));
        model.put("rasdialEntry", PowerShell.quote(WindowsArgument.quote(site.displayName())));
        model.put("serverAddress", PowerShell.quote(site.host().value()));
        model.put("deviceIdentity", PowerShell.quote(device.identity().value()));
        model.put("authenticationTransformConstants", PowerShell.quote(ipsec.authenticationTransformConstants()));
        model.put("cipherTransformConstants", PowerShell.quote(ipsec.cipherTransformConstants()));
        model.put("encryptionMethod", PowerShell.quote(ipsec.encryptionMethod()));
        model.put("integrityCheckMethod", PowerShell.quote(ipsec.integrityCheckMethod()));
        model.put("dhGroup", PowerShell.quote(ipsec.dhGroup()));
        model.put("pfsGroup", PowerShell.quote(ipsec.pfsGroup()));
        model.put("caThumbprint", PowerShell.quote(Certificates.sha1Thumbprint(device.ca())));
        model.put("deviceThumbprint", PowerShell.quote(Certificates.sha1Thumbprint(device.certificate())));
        model.put("caBase64", lines(der(device.ca())));
        model.put("p12Base64", lines(device.p12().standaloneP12()));
        DeviceNetwork network = device.network();
        model.put("splitTunneling", !site.fullTunnel() || network.restricted());
        model.put("routes", routes(site, network).stream().map(PowerShell::quote).toList());
        model.put("dnsThroughVpn", dnsThroughVpn(site, network));
        return model;
    }

    /**
     * The routes of a device: a restricted one routes only what it may reach ({@link DeviceNetwork#reach}) as a split
     * tunnel, so its other traffic keeps its own gateway instead of being dropped by the server's narrowed traffic
     * selectors. Add-VpnConnectionRoute takes one -DestinationPrefix per call (Microsoft Learn, VpnClient module).
     */
    static List<String> routes(Site site, DeviceNetwork network) {
        return network.restricted() ? network.reach(site).stream().map(Cidr::toString).toList() : routes(site);
    }

    /**
     * Whether the script puts the VPN first for DNS (interface metric 1; Microsoft, "VPN name resolution": queries go
     * to the interface with the lowest metric first). Not for a restricted device whose pushed DNS servers lie
     * outside what it may reach: its queries would go into a tunnel that drops them, and names stop resolving.
     */
    static boolean dnsThroughVpn(Site site, DeviceNetwork network) {
        if (!network.restricted()) {
            return true;
        }
        List<Cidr> reach = network.reach(site);
        return !site.clientDns().isEmpty() && site.clientDns().stream()
                .allMatch(dns -> reach.stream().anyMatch(block -> block.overlaps(Cidr.host(dns))));
    }

    /**
     * What Windows sends into the tunnel besides its default. Full tunnel makes the VPN the IPv4 default gateway,
     * but Windows adds no IPv6 default route through it, and Add-VpnConnectionRoute refuses ::/0 (strongSwan docs,
     * interop/windowsClients, "IPv6"): its two halves cover the same addresses, as hwdsl2/setup-ipsec-vpn
     * (docs/advanced-usage.md, "IPv6 support") and algo's Windows script (PR #1501) route them.
     */
    static List<String> routes(Site site) {
        if (!site.fullTunnel()) {
            return site.routes().stream().map(Cidr::toString).toList();
        }
        return site.ipv6Pool().isPresent() ? IPV6_DEFAULT_HALVES : List.of();
    }

    static final List<String> IPV6_DEFAULT_HALVES = List.of("::/1", "8000::/1");

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    private static List<String> lines(byte[] data) {
        String base64 = Base64.getEncoder().encodeToString(data);
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < base64.length(); i += BASE64_LINE) {
            out.add(base64.substring(i, Math.min(base64.length(), i + BASE64_LINE)));
        }
        return out;
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
