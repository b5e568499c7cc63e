package io.ikev2kit.profiles.android;

import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.templates.Renderer;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strongSwan Android app's {@code .sswan} profile for one device: JSON with the server, the CA and the device's
 * p12 (the app asks for its password when it installs it), in the format of
 * https://docs.strongswan.org/docs/latest/os/androidVpnClientProfiles.html.
 */
public final class AndroidProfile {
    static final String TEMPLATE = "device.sswan.ftl";
    /** The app opens attachments and downloads of this media type whatever the file is called. */
    public static final String MEDIA_TYPE = "application/vnd.strongswan.profile";

    private AndroidProfile() {
    }

    public static String fileName(Device device) {
        return device.name() + ".sswan";
    }

    public static String build(Site site, Device device, Renderer renderer) {
        return renderer.render(TEMPLATE, model(site, device));
    }

    static Map<String, Object> model(Site site, Device device) {
        Map<String, Object> model = new LinkedHashMap<>();
        // Same UUID on every export: importing again replaces the profile instead of adding a second one.
        model.put("uuid", device.stableUuid("android").toString());
        model.put("name", site.displayName());
        model.put("remoteAddress", site.host().value());
        model.put("remoteId", site.serverIdentity());
        model.put("caBase64", base64Der(device));
        model.put("localId", device.identity().value());
        model.put("p12Base64", Base64.getEncoder().encodeToString(device.p12().embeddedP12()));
        model.put("ikeProposal", site.suite().ikeProposal());
        model.put("espProposal", site.suite().espProposal(true));
        model.put("subnets", subnets(site, device.network()));
        // Full tunnel without IPv6 addresses for clients: drop IPv6 rather than let it bypass the VPN. Not for a
        // restricted device, whose traffic outside what it may reach keeps the device's own network.
        model.put("blockIpv6", site.fullTunnel() && site.ipv6Pool().isEmpty() && !device.network().restricted());
        return model;
    }

    /**
     * The .sswan's split-tunneling subnets. The app routes these instead of the server's traffic selectors when they
     * are set (strongSwan's Android app, CharonVpnService.BuilderCache: mIncludedSubnets, else the routes
     * android_service.c's add_routes() takes from the CHILD_SA's remote selectors), so a restricted device's profile
     * names only what it may reach, or the site's routes would override the server's narrowed selectors.
     */
    static List<String> subnets(Site site, DeviceNetwork network) {
        if (network.restricted()) {
            return network.reach(site).stream().map(Cidr::toString).toList();
        }
        return site.fullTunnel() ? List.of() : site.routes().stream().map(Cidr::toString).toList();
    }

    private static String base64Der(Device device) {
        try {
            return Base64.getEncoder().encodeToString(device.ca().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }
}
