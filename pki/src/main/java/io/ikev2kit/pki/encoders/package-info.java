/**
 * Hand-written encoders that replaced BouncyCastle or the JDK on the bulk path, because on a
 * fresh JVM the library code (and compiling it) cost more than the cryptography. Each is kept only while it
 * buys a measurable share of a 1000-device 'device add' (bench/encoders.sh; figures in docs/performance.md,
 * process CPU, library / hand-written), and each is held to the library or openssl by a differential test:
 * <ul>
 * <li>{@code Der}: the DER forms the two below are made of. DerTest, EncoderDifferentialTest (BouncyCastle).
 * <li>{@code DeviceCertificateTemplate}: a device certificate from per-CA parts, instead of BouncyCastle's
 *     certificate builder; 2.3x, 8.5 % of a run. DeviceCertificateTemplateTest, EncoderDifferentialTest.
 * <li>{@code Pkcs12Writer}: both p12 forms in openssl's exact shape (8-byte salts, which BouncyCastle's builders
 *     cannot write), with the two KDFs below; 2.2x over BouncyCastle's PKCS12PfxPduBuilder, 41 % of a run.
 *     Pkcs12OpensslShapeTest (openssl), Pkcs12WriterTest.
 * <li>{@code Pkcs12Kdf}: the PKCS#12 KDF on the JDK's SHA instructions; 2.9x, 31 %. FastCryptoTest
 *     (BouncyCastle), KdfBoundaryTest (openssl).
 * <li>{@code Pbkdf2Sha256}: PBKDF2-HMAC-SHA256 for p12 bags and the CA key; 2.4x, 13 % (and 37 % of a single
 *     add's CPU for the CA key). FastCryptoTest (the JDK, RFC 7914), KdfBoundaryTest (openssl).
 * <li>{@code EcCurve}: P-256/P-384 keys on BouncyCastle's fixed-point tables as JDK keys; 1.9x, 6.6 %.
 *     FastCryptoTest (the JDK), EncoderDifferentialTest (d·G by BouncyCastle's generic curve code).
 * <li>{@code EcdsaContentSigner}: ECDSA for certificates and CRLs on the same tables; 3.5x, 11 %.
 *     FastCryptoTest (the JDK verifies), EncoderDifferentialTest.
 * </ul>
 * The PBES2 parameters went back to BouncyCastle (0.5 % of a run): {@code io.ikev2kit.pki.Pbes2}.
 */
package io.ikev2kit.pki.encoders;
