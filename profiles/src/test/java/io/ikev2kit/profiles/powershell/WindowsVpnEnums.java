package io.ikev2kit.profiles.powershell;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values Windows' VpnClient cmdlets accept for the parameters a generated script sets, copied from
 * Microsoft's documentation ("Accepted values" of each parameter), in the documented order and spelling.
 * PowerShell binds them case-insensitively.
 */
public final class WindowsVpnEnums {

    // https://learn.microsoft.com/powershell/module/vpnclient/set-vpnconnectionipsecconfiguration
    public static final List<String> AUTHENTICATION_TRANSFORM_CONSTANTS =
            List.of("MD596", "SHA196", "SHA256128", "GCMAES128", "GCMAES192", "GCMAES256", "None");
    public static final List<String> CIPHER_TRANSFORM_CONSTANTS =
            List.of("DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256", "None");
    public static final List<String> ENCRYPTION_METHOD =
            List.of("DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES256");
    public static final List<String> INTEGRITY_CHECK_METHOD = List.of("MD5", "SHA1", "SHA256", "SHA384");
    public static final List<String> DH_GROUP =
            List.of("None", "Group1", "Group2", "Group14", "ECP256", "ECP384", "Group24");
    public static final List<String> PFS_GROUP =
            List.of("None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFSMM", "PFS24");

    // https://learn.microsoft.com/powershell/module/vpnclient/add-vpnconnection
    public static final List<String> TUNNEL_TYPE = List.of("Pptp", "L2tp", "Sstp", "Ikev2", "Automatic");
    public static final List<String> AUTHENTICATION_METHOD = List.of("Pap", "Chap", "MSChapv2", "Eap", "MachineCertificate");
    public static final List<String> ENCRYPTION_LEVEL = List.of("NoEncryption", "Optional", "Required", "Maximum", "Custom");

    /** The six parameters Set-VpnConnectionIPsecConfiguration needs together, with their accepted values. */
    public static final Map<String, List<String>> IPSEC_CONFIGURATION = ordered(
            Map.entry("AuthenticationTransformConstants", AUTHENTICATION_TRANSFORM_CONSTANTS),
            Map.entry("CipherTransformConstants", CIPHER_TRANSFORM_CONSTANTS),
            Map.entry("EncryptionMethod", ENCRYPTION_METHOD),
            Map.entry("IntegrityCheckMethod", INTEGRITY_CHECK_METHOD),
            Map.entry("DHGroup", DH_GROUP),
            Map.entry("PfsGroup", PFS_GROUP));

    /** The enumerated parameters of Add-VpnConnection, with their accepted values. */
    public static final Map<String, List<String>> ADD_VPN_CONNECTION = ordered(
            Map.entry("TunnelType", TUNNEL_TYPE),
            Map.entry("AuthenticationMethod", AUTHENTICATION_METHOD),
            Map.entry("EncryptionLevel", ENCRYPTION_LEVEL));

    private WindowsVpnEnums() {
    }

    /** The documented spelling of {@code value} if {@code allowed} has it, compared as PowerShell does. */
    public static Optional<String> documented(List<String> allowed, String value) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst();
    }

    public static boolean accepts(List<String> allowed, String value) {
        return documented(allowed, value).isPresent();
    }

    @SafeVarargs
    private static Map<String, List<String>> ordered(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
