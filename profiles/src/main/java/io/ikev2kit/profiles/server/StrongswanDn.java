package io.ikev2kit.profiles.server;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A certificate subject as strongSwan's ipsec.conf reads a DN: "C=DE, O=Example, CN=Example VPN Root CA", in
 * the certificate's own RDN order. strongSwan has no escape for a ',' inside a value, so such a subject
 * (or one with a '"', which would end the quoted value) cannot be written and is reported as empty.
 */
final class StrongswanDn {
    private StrongswanDn() {
    }

    /**
     * strongSwan's atodn (libstrongswan/utils/identification.c) ends a value at ',', skips leading ' ' and '=',
     * trims trailing spaces and takes a lone '*' as a wildcard; ipsec.conf ends the quoted string at '"'.
     */
    private static boolean expressible(String text) {
        return !text.isEmpty() && text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\\') < 0
                && text.charAt(0) != '=' && text.charAt(0) != ' ' && !text.endsWith(" ") && !text.equals("*");
    }

    static Optional<String> of(X509Certificate certificate) {
        return of(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), false);
    }

    /** The name's text form; with {@code wildcards}, a value "*" stays in it as the wildcard strongSwan reads. */
    static Optional<String> of(X500Name name, boolean wildcards) {
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            if (rdn.isMultiValued()) {
                return Optional.empty();
            }
            AttributeTypeAndValue value = rdn.getFirst();
            String key = BCStyle.INSTANCE.oidToDisplayName(value.getType());
            if (!(value.getValue() instanceof ASN1String string)) {
                return Optional.empty();
            }
            String text = string.getString();
            if (key == null || !(expressible(text) || wildcards && text.equals("*"))) {
                return Optional.empty();
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(key).append('=').append(text);
        }
        return Optional.of(out.toString());
    }
}
