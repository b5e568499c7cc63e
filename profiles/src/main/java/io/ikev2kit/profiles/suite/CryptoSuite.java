package io.ikev2kit.profiles.suite;

import io.ikev2kit.pki.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one table of what the server accepts and each client proposes. Every output (swanctl.conf, ipsec.conf,
 * mobileconfig, PowerShell, sswan) reads its algorithm names from here, so they cannot drift apart.
 * Only algorithms inside policy exist in {@link Cipher}, {@link Integrity} and {@link DhGroup}: no DES, 3DES,
 * SHA-1, MD5 or DH groups 1, 2, 5.
 */
public enum CryptoSuite {
    /** AEAD everywhere: AES-256-GCM, SHA-384 PRF, ECP-384. Every client this tool targets supports it. */
    MODERN("modern", Cipher.AES256_GCM, Integrity.SHA384, DhGroup.ECP384, Cipher.AES256_GCM, Integrity.SHA384, DhGroup.ECP384),
    /** For older clients without GCM or elliptic curves: AES-256-CBC, SHA-256, MODP-2048. */
    COMPATIBLE("compatible", Cipher.AES256_CBC, Integrity.SHA256, DhGroup.MODP2048, Cipher.AES256_CBC, Integrity.SHA256, DhGroup.MODP2048);

    /** Apple's LifeTimeInMinutes (allowed 10-1440): clients rekey; the server leaves IKE rekeying to them. */
    public static final int IKE_LIFETIME_MINUTES = 1440;
    public static final int CHILD_LIFETIME_MINUTES = 480;

    private final String label;
    private final Cipher ikeCipher;
    private final Integrity ikeIntegrity;
    private final DhGroup ikeGroup;
    private final Cipher espCipher;
    private final Integrity espIntegrity;
    private final DhGroup pfsGroup;

    CryptoSuite(String label, Cipher ikeCipher, Integrity ikeIntegrity, DhGroup ikeGroup,
                Cipher espCipher, Integrity espIntegrity, DhGroup pfsGroup) {
        this.label = label;
        this.ikeCipher = ikeCipher;
        this.ikeIntegrity = ikeIntegrity;
        this.ikeGroup = ikeGroup;
        this.espCipher = espCipher;
        this.espIntegrity = espIntegrity;
        this.pfsGroup = pfsGroup;
    }

    public String label() {
        return label;
    }

    public static CryptoSuite parse(String text) {
        for (CryptoSuite suite : values()) {
            if (suite.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return suite;
            }
        }
        throw new UserError("unknown suite '" + text + "': use one of "
                + Arrays.stream(values()).map(CryptoSuite::label).collect(Collectors.joining(", ")));
    }

    public Cipher ikeCipher() {
        return ikeCipher;
    }

    public Integrity ikeIntegrity() {
        return ikeIntegrity;
    }

    public DhGroup ikeGroup() {
        return ikeGroup;
    }

    public Cipher espCipher() {
        return espCipher;
    }

    public Integrity espIntegrity() {
        return espIntegrity;
    }

    public DhGroup pfsGroup() {
        return pfsGroup;
    }

    /** The IKE proposal in strongSwan syntax, e.g. aes256gcm16-prfsha384-ecp384. */
    public String ikeProposal() {
        return Proposals.ike(ikeCipher, ikeIntegrity, ikeGroup);
    }

    /** The ESP proposal a client sends: with the PFS group (iOS, Windows, Android) or without it (macOS). */
    public String espProposal(boolean pfs) {
        return Proposals.esp(espCipher, espIntegrity, pfs ? pfsGroup : null);
    }

    /** What the server accepts: exactly the union of what the generated clients send. */
    public List<String> serverIkeProposals() {
        return List.of(ikeProposal());
    }

    public List<String> serverEspProposals() {
        return List.of(espProposal(true), espProposal(false));
    }

    public AppleSecurityAssociation appleIke() {
        return new AppleSecurityAssociation(ikeCipher.apple(), ikeIntegrity.apple(), ikeGroup.number(), IKE_LIFETIME_MINUTES);
    }

    public AppleSecurityAssociation appleChild() {
        return new AppleSecurityAssociation(espCipher.apple(), espIntegrity.apple(), pfsGroup.number(), CHILD_LIFETIME_MINUTES);
    }

    /** The six values Set-VpnConnectionIPsecConfiguration needs together; with GCM both transforms are the GCM value. */
    public WindowsIpsecSettings windows() {
        String authentication = espCipher.aead() ? espCipher.windowsCipherTransform()
                : espIntegrity.windowsAuthenticationTransform();
        return new WindowsIpsecSettings(authentication, espCipher.windowsCipherTransform(),
                ikeCipher.windowsEncryptionMethod(), ikeIntegrity.windowsIntegrityCheck(),
                ikeGroup.windowsDhGroup(), pfsGroup.windowsPfsGroup());
    }

    /** Apple's IKESecurityAssociationParameters / ChildSecurityAssociationParameters values. */
    public record AppleSecurityAssociation(String encryptionAlgorithm, String integrityAlgorithm,
                                           int diffieHellmanGroup, int lifeTimeInMinutes) {
    }

    /** Set-VpnConnectionIPsecConfiguration's parameters, named as the cmdlet names them. */
    public record WindowsIpsecSettings(String authenticationTransformConstants, String cipherTransformConstants,
                                       String encryptionMethod, String integrityCheckMethod,
                                       String dhGroup, String pfsGroup) {
    }
}
