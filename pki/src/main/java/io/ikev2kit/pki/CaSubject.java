package io.ikev2kit.pki;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who the certificates say issued them: the organisation and country go into every subject. Names are built
 * from typed attribute values (UTF8String, the country a PrintableString) and read back from the attributes,
 * never through RFC 4514 text, whose parser would take a leading '#' as hex DER and drop a '\'.
 */
public record CaSubject(String commonName, String organization, String country) {
    /** RFC 5280's ub-common-name and ub-organization-name, in characters. */
    public static final int MAX_VALUE = 64;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public CaSubject {
        FreeText.check(commonName, "the CA name", MAX_VALUE);
        FreeText.check(organization, "the organisation (--org)", MAX_VALUE);
        if (country != null && !country.isBlank()) {
            country = country.trim().toUpperCase(java.util.Locale.ROOT);
            if (!COUNTRY.matcher(country).matches()) {
                throw new UserError("country " + Visible.quote(country)
                        + " is not a two-letter ISO 3166 code: use e.g. --country DE");
            }
        } else {
            country = null;
        }
    }

    /** The subject an existing CA certificate carries, so issued certificates reuse its C and O. */
    public static CaSubject of(java.security.cert.X509Certificate ca) {
        X500Name name = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        return new CaSubject(value(name, BCStyle.CN), value(name, BCStyle.O), value(name, BCStyle.C));
    }

    /** An attribute's own string value, as the certificate holds it. */
    public static String value(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String string ? string.getString() : null;
    }

    public X500Name caName() {
        return name(commonName);
    }

    /** A subject under this organisation with the given common name. */
    public X500Name name(String cn) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (country != null) {
            builder.addRDN(BCStyle.C, new DERPrintableString(country));
        }
        builder.addRDN(BCStyle.O, new DERUTF8String(organization));
        builder.addRDN(BCStyle.CN, new DERUTF8String(cn));
        return builder.build();
    }
}
