package io.ikev2kit.pki;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Who the certificates say issued them: the organisation and country go into every subject. */
public record CaSubject(String commonName, String organization, String country) {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public CaSubject {
        commonName = requireText(commonName, "CA name", "--name \"Example VPN Root CA\"");
        organization = requireText(organization, "organisation", "--org \"Example\"");
        if (country != null && !country.isBlank()) {
            country = country.trim().toUpperCase(java.util.Locale.ROOT);
            if (!COUNTRY.matcher(country).matches()) {
                throw new UserError("country '" + country + "' is not a two-letter ISO 3166 code: use e.g. --country DE");
            }
        } else {
            country = null;
        }
    }

    private static String requireText(String value, String what, String example) {
        if (value == null || value.isBlank()) {
            throw new UserError("the " + what + " is empty: set it, e.g. " + example);
        }
        String trimmed = value.trim();
        if (trimmed.length() > 64 || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UserError("the " + what + " must be at most 64 printable characters: shorten it");
        }
        return trimmed;
    }

    /** The subject an existing CA certificate carries, so issued certificates reuse its C and O. */
    public static CaSubject of(java.security.cert.X509Certificate ca) {
        X500Name name = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        return new CaSubject(value(name, BCStyle.CN), value(name, BCStyle.O), value(name, BCStyle.C));
    }

    private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        org.bouncycastle.asn1.x500.RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    public X500Name caName() {
        return name(commonName);
    }

    /** A subject under this organisation with the given common name. */
    public X500Name name(String cn) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (country != null) {
            builder.addRDN(BCStyle.C, country);
        }
        builder.addRDN(BCStyle.O, organization);
        builder.addRDN(BCStyle.CN, cn);
        return builder.build();
    }
}
