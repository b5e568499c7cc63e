package io.ikev2kit.pki;

import org.bouncycastle.operator.ContentSigner;

/**
 * What signs for the CA: its key in memory, decrypted from {@code pki/ca.key} ({@link KeySigner}), or a key that
 * never leaves a PKCS#11 token ({@link TokenSigner}). Certificates and CRLs are built the same way for both.
 */
public sealed interface CaSigner permits KeySigner, TokenSigner {
    /** A signer for one certificate or CRL. Safe to call from many threads. */
    ContentSigner contentSigner();
}
