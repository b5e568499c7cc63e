package io.ikev2kit.profiles.apple;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.templates.Renderer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A device's iOS/macOS configuration profile: the site's root CA, the device's p12 and an IKEv2 VPN with
 * certificate authentication, proposing exactly the site's suite. Rendered from {@code mobileconfig.ftl}, then
 * parsed back and checked ({@link AppleProfileCheck}) before anything is returned.
 */
public final class AppleProfile {
    public static final String TEMPLATE = "mobileconfig.ftl";
    public static final String EXTENSION = ".mobileconfig";

    /** The roles of {@link Device#stableUuid}: one UUID per payload, stable across exports. */
    static final String PROFILE = "apple-profile";
    static final String CA = "apple-ca";
    static final String IDENTITY = "apple-identity";
    static final String VPN = "apple-vpn";

    private static final int BASE64_LINE = 64;

    private AppleProfile() {
    }

    public static String fileName(Device device) {
        return device.name() + EXTENSION;
    }

    /** The profile as written to disk: plain XML, or CMS SignedData around it when a signer is given. */
    public static byte[] build(Site site, Device device, AppleOptions options, Renderer renderer) {
        Map<String, Object> model = model(site, device, options);
        byte[] xml = renderer.render(TEMPLATE, model).getBytes(StandardCharsets.UTF_8);
        AppleProfileCheck.verify(xml, device, uuid(device, IDENTITY), options.embeddedPassword().isPresent());
        return options.signer().map(signer -> signer.sign(xml)).orElse(xml);
    }

    static Map<String, Object> model(Site site, Device device, AppleOptions options) {
        String identifier = "io.ikev2kit." + uuid(device, PROFILE).toLowerCase(Locale.ROOT);
        String caName = Certificates.commonName(device.ca());
        String host = site.host().value();

        Map<String, Object> profile = new HashMap<>();
        profile.put("identifier", identifier);
        profile.put("uuid", uuid(device, PROFILE));
        profile.put("displayName", site.displayName() + " (" + device.name() + ")");
        profile.put("description", "Sets up the VPN " + site.displayName() + " (" + host + ") for " + device.name()
                + ": the root certificate of the VPN, the certificate of this device and the connection settings.");
        profile.put("organization", CaSubject.of(device.ca()).organization());

        Map<String, Object> ca = new HashMap<>();
        ca.put("identifier", identifier + ".ca");
        ca.put("uuid", uuid(device, CA));
        ca.put("displayName", caName);
        ca.put("description", "Lets the device recognise the VPN server " + host + ".");
        ca.put("fileName", "ca.cer");
        ca.put("data", base64Lines(der(device.ca())));

        Map<String, Object> identity = new HashMap<>();
        identity.put("identifier", identifier + ".identity");
        identity.put("uuid", uuid(device, IDENTITY));
        identity.put("displayName", device.identity().value());
        identity.put("description", "The certificate " + device.name() + " signs in to the VPN with.");
        identity.put("fileName", device.name() + ".p12");
        identity.put("data", base64Lines(device.p12().embeddedP12()));
        options.embeddedPassword().ifPresent(password -> identity.put("password", password.reveal()));

        return Map.of("profile", profile, "ca", ca, "identity", identity, "vpn", vpn(site, device, options, identifier),
                "ike", securityAssociation(site.suite().appleIke()),
                "child", securityAssociation(site.suite().appleChild()));
    }

    private static Map<String, Object> vpn(Site site, Device device, AppleOptions options, String identifier) {
        Map<String, Object> vpn = new HashMap<>();
        vpn.put("identifier", identifier + ".vpn");
        vpn.put("uuid", uuid(device, VPN));
        vpn.put("displayName", site.displayName());
        vpn.put("description", "IKEv2 connection to " + site.host().value() + " with the device certificate.");
        vpn.put("userDefinedName", site.displayName());
        vpn.put("remoteAddress", site.host().value());
        vpn.put("remoteIdentifier", site.serverIdentity());
        vpn.put("localIdentifier", device.identity().value());
        vpn.put("authenticationMethod", "Certificate");
        vpn.put("certificateUuid", uuid(device, IDENTITY));
        vpn.put("certificateType", certificateType(device.keyType()));
        // also makes the client send a CERTREQ for our CA, so the server sends its certificate
        vpn.put("serverCertificateIssuerCommonName", Certificates.commonName(device.ca()));
        vpn.put("extendedAuthEnabled", 0);
        // fresh DH for every child SA; the server accepts ESP with and without the group, as macOS may omit it
        vpn.put("enablePfs", 1);
        vpn.put("deadPeerDetectionRate", "Medium");
        vpn.put("disableMobike", 0);
        vpn.put("disableRedirect", 0);
        // our certificates name no CRL or OCSP location, so a check could only fail or do nothing
        vpn.put("enableCertificateRevocationCheck", 0);
        // the server assigns addresses and selectors; subnet attributes are not sent
        vpn.put("useConfigurationAttributeInternalIPSubnet", 0);
        vpn.put("overridePrimary", site.overridePrimary() ? 1 : 0);
        vpn.put("onDemandEnabled", options.onDemand() ? 1 : 0);
        vpn.put("onDemandRules", onDemandRules(options));
        return vpn;
    }

    /**
     * Apple evaluates the rules in order and acts on the first match: each trusted Wi-Fi first, so it wins, then
     * one rule without criteria that connects everywhere else, Wi-Fi, cellular and Ethernet alike.
     */
    static List<Map<String, Object>> onDemandRules(AppleOptions options) {
        List<Map<String, Object>> rules = new ArrayList<>();
        if (!options.onDemand()) {
            return rules;
        }
        for (String ssid : options.trustedSsids()) {
            rules.add(Map.of("interfaceType", "WiFi", "ssids", List.of(ssid), "action", "Disconnect"));
        }
        rules.add(Map.of("ssids", List.of(), "action", "Connect"));
        return rules;
    }

    /** Apple's CertificateType names the curve of an ECDSA key; every RSA size is plain RSA (PKCS#1 v1.5). */
    static String certificateType(KeyType keyType) {
        return switch (keyType) {
            case ECDSA_P256 -> "ECDSA256";
            case ECDSA_P384 -> "ECDSA384";
            case RSA_3072, RSA_4096 -> "RSA";
        };
    }

    private static Map<String, Object> securityAssociation(CryptoSuite.AppleSecurityAssociation sa) {
        return Map.of("encryptionAlgorithm", sa.encryptionAlgorithm(), "integrityAlgorithm", sa.integrityAlgorithm(),
                "diffieHellmanGroup", sa.diffieHellmanGroup(), "lifeTimeInMinutes", sa.lifeTimeInMinutes());
    }

    static String uuid(Device device, String role) {
        return device.stableUuid(role).toString().toUpperCase(Locale.ROOT);
    }

    private static List<String> base64Lines(byte[] data) {
        String text = Base64.getEncoder().encodeToString(data);
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < text.length(); start += BASE64_LINE) {
            lines.add(text.substring(start, Math.min(text.length(), start + BASE64_LINE)));
        }
        return lines;
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }
}
