package io.ikev2kit.pki;

import java.nio.file.Path;

/**
 * Where a token site's CA key is: the key's PKCS#11 URI and the module (shared library) that reaches the token.
 * site.conf records both; the PIN is never recorded.
 */
public record CaToken(Pkcs11Uri uri, Path module) {
    public CaToken {
        if (module.toString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UserError("the PKCS#11 module path contains a control character: give the library's plain path");
        }
        if (!module.isAbsolute()) {
            throw new UserError("the PKCS#11 module must be an absolute path (e.g. /usr/lib/softhsm/libsofthsm2.so), not "
                    + module);
        }
    }

    /** From the user's text: the module path as typed on the command line or in site.conf. */
    public static CaToken of(Pkcs11Uri uri, String module) {
        try {
            return new CaToken(uri, Path.of(module));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("the PKCS#11 module path is not a file name: give the library's absolute path");
        }
    }

    /** The token and key as people read them: {@code 'ca' in token 'ikev2kit-ca'}. */
    public String describe() {
        return "key '" + uri.object() + "' in token '" + uri.token() + "'";
    }
}
