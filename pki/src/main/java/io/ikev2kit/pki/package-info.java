/**
 * The site's CA and what it issues: keys, certificates, CRLs, the encrypted CA key or a PKCS#11 token,
 * and the validated names everything else is built from. The files of a site's pki/ are in {@code store};
 * the byte-level encoders that replaced library code on the hot path are apart, in {@code encoders}.
 */
package io.ikev2kit.pki;
