package io.ikev2kit.pki.encoders;

import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.pki.DeviceCredentials;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.EncryptedKey;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * What each hand-written encoder buys over the library path it replaced, as a 1000-device run pays it: one case,
 * one path ({@code hand} or {@code lib}), in a fresh JVM, so the JIT compilation a run pays for that code is
 * counted. Prints the section's wall and process CPU time (compiler threads included), cold (the first pass) and
 * warm (the same work again). Not a test: bench/encoders.sh runs it, both paths alternating.
 * Usage: EncoderBench CASE hand|lib [COUNT]; cases: cert sign keygen p12 p12kdf pbkdf2-p12 pbkdf2-ca
 */
public final class EncoderBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final char[] PASSWORD = "bench-p12-password".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static volatile Object sink;

    private EncoderBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        boolean hand = args[1].equals("hand");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Work work = setUp(what, hand, count);
        long[] cold = time(work);
        long[] warm = time(work);
        System.out.printf("%s %s %d cold_wall_ms=%.1f cold_cpu_ms=%.1f warm_wall_ms=%.1f warm_cpu_ms=%.1f%n", what,
                hand ? "hand" : "lib", count, cold[0] / 1e6, cold[1] / 1e6, warm[0] / 1e6, warm[1] / 1e6);
    }

    interface Work {
        void run() throws Exception;
    }

    private static long[] time(Work work) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        work.run();
        return new long[] {System.nanoTime() - wall, OS.getProcessCpuTime() - cpu};
    }

    private static Work setUp(String what, boolean hand, int count) throws Exception {
        CaSubject subject = new CaSubject("Bench Root CA", "Bench", "DE");
        switch (what) {
            case "keygen": {
                // device keys: EcCurve (BouncyCastle's fixed-point tables) or the JDK's KeyPairGenerator
                return () -> {
                    KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC");
                    jdk.initialize(new ECGenParameterSpec("secp256r1"));
                    for (int i = 0; i < count; i++) {
                        sink = hand ? EcCurve.P256.generate() : jdk.generateKeyPair();
                    }
                };
            }
            case "sign": {
                // the CA's ECDSA signature over a certificate-sized TBS: EcdsaContentSigner or the JDK's via JCA
                ECPrivateKey key = (ECPrivateKey) KeyType.ECDSA_P256.generate().getPrivate();
                byte[] tbs = new byte[420];
                RANDOM.nextBytes(tbs);
                return () -> {
                    for (int i = 0; i < count; i++) {
                        ContentSigner signer = hand ? new EcdsaContentSigner(EcCurve.P256, key)
                                : new JcaContentSignerBuilder("SHA256withECDSA").build(key);
                        signer.getOutputStream().write(tbs);
                        sink = signer.getSignature();
                    }
                };
            }
            case "cert": {
                // a device certificate, same signer both ways: the template on Der, or BouncyCastle's builder and
                // the JDK's converter, as CertificateAuthority issued devices before the template
                CertificateAuthority ca = CertificateAuthority.create(subject, KeyType.ECDSA_P256, 3650);
                KeyPair[] keys = keys(count);
                HostName host = new HostName("vpn.example.com");
                DeviceCertificateTemplate template = ca.deviceTemplate(subject);
                X500Name caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
                int[] round = {0};
                return () -> {
                    int r = round[0]++;
                    for (int i = 0; i < count; i++) {
                        DeviceIdentity identity = new DeviceIdentity(new DeviceName("device-" + r + "-" + i), host);
                        if (hand) {
                            sink = ca.issueDevice(template, identity, keys[i].getPublic(), 730);
                        } else {
                            sink = libraryCertificate(ca, caName, subject, identity, keys[i]);
                        }
                    }
                };
            }
            case "p12": {
                // both p12 forms of a device (modern with the CA, legacy without): Pkcs12Writer with Pkcs12Kdf and
                // Pbkdf2Sha256, or BouncyCastle's PKCS12PfxPduBuilder with its own KDFs (its salts differ in length)
                DeviceCredentials[] devices = devices(subject, count);
                Passphrase password = Passphrase.of(PASSWORD.clone());
                return () -> {
                    for (DeviceCredentials device : devices) {
                        String name = Certificates.commonName(device.certificate());
                        if (hand) {
                            sink = Pkcs12Writer.write(device, name, P12Format.MODERN, password, true);
                            sink = Pkcs12Writer.write(device, name, P12Format.LEGACY, password, false);
                        } else {
                            sink = libraryP12(device, name, P12Format.MODERN, true);
                            sink = libraryP12(device, name, P12Format.LEGACY, false);
                        }
                    }
                };
            }
            case "p12kdf": {
                // a device's PKCS#12 KDF runs (legacy: key+IV for two bags and the SHA-1 MAC; modern: the SHA-256
                // MAC), 2048 iterations each: Pkcs12Kdf on the JDK's digests or BouncyCastle's generator
                byte[] salt = new byte[8];
                return () -> {
                    for (int i = 0; i < count; i++) {
                        RANDOM.nextBytes(salt);
                        if (hand) {
                            sink = Pkcs12Kdf.sha1TripleDesKey(PASSWORD, salt, 2048);
                            sink = Pkcs12Kdf.sha1TripleDesKey(PASSWORD, salt, 2048);
                            sink = Pkcs12Kdf.sha1MacKey(PASSWORD, salt, 2048);
                            sink = Pkcs12Kdf.sha256MacKey(PASSWORD, salt, 2048);
                        } else {
                            byte[] p = PKCS12ParametersGenerator.PKCS12PasswordToBytes(PASSWORD);
                            for (int bag = 0; bag < 2; bag++) {
                                PKCS12ParametersGenerator g = new PKCS12ParametersGenerator(new SHA1Digest());
                                g.init(p, salt, 2048);
                                sink = g.generateDerivedParameters(192, 64);
                            }
                            PKCS12ParametersGenerator sha1 = new PKCS12ParametersGenerator(new SHA1Digest());
                            sha1.init(p, salt, 2048);
                            sink = sha1.generateDerivedMacParameters(160);
                            PKCS12ParametersGenerator sha256 = new PKCS12ParametersGenerator(new SHA256Digest());
                            sha256.init(p, salt, 2048);
                            sink = sha256.generateDerivedMacParameters(256);
                        }
                    }
                };
            }
            case "pbkdf2-p12":
            case "pbkdf2-ca": {
                // PBKDF2-HMAC-SHA256: a modern p12's bag key (count x 2048) or the CA key's unlock (1 x 600,000);
                // Pbkdf2Sha256 or the JDK's SecretKeyFactory
                boolean ca = what.equals("pbkdf2-ca");
                int runs = ca ? 1 : count;
                int iterations = ca ? EncryptedKey.ITERATIONS : Pkcs12Writer.ITERATIONS;
                byte[] salt = new byte[ca ? 16 : 8];
                return () -> {
                    for (int i = 0; i < runs; i++) {
                        RANDOM.nextBytes(salt);
                        if (hand) {
                            sink = Pbkdf2Sha256.derive(PASSWORD, salt, iterations);
                        } else {
                            sink = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                                    .generateSecret(new PBEKeySpec(PASSWORD, salt, iterations, 256)).getEncoded();
                        }
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown case " + what);
        }
    }

    private static KeyPair[] keys(int count) {
        KeyPair[] keys = new KeyPair[count];
        for (int i = 0; i < count; i++) {
            keys[i] = KeyType.ECDSA_P256.generate();
        }
        return keys;
    }

    private static DeviceCredentials[] devices(CaSubject subject, int count) {
        CertificateAuthority ca = CertificateAuthority.create(subject, KeyType.ECDSA_P256, 3650);
        HostName host = new HostName("vpn.example.com");
        DeviceCredentials[] devices = new DeviceCredentials[count];
        KeyPair[] keys = keys(count);
        for (int i = 0; i < count; i++) {
            X509Certificate certificate = ca.issueDevice(subject,
                    new DeviceIdentity(new DeviceName("device-" + i), host), keys[i].getPublic(), 730);
            devices[i] = new DeviceCredentials(keys[i].getPrivate(), certificate, ca.certificate());
        }
        return devices;
    }

    /** CertificateAuthority's device certificate before the template (8294f79^): builder, signer, converter. */
    private static X509Certificate libraryCertificate(CertificateAuthority ca, X500Name caName, CaSubject subject,
                                                      DeviceIdentity identity, KeyPair pair) throws Exception {
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                CertificateAuthority.randomSerial(), Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(730L * 86400)), subject.name(identity.value()), pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, identity.value())))
                .build(ca.signer().contentSigner()));
    }

    /** Pkcs12Writer before it wrote DER itself (257a114), with the CA bag as openssl writes it. */
    private static byte[] libraryP12(DeviceCredentials credentials, String name, P12Format format, boolean withCa)
            throws Exception {
        var encryptor = format == P12Format.LEGACY
                ? new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                        CBCBlockCipher.newInstance(new DESedeEngine())).setIterationCount(2048).build(PASSWORD)
                : new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC).setProvider(BOUNCY_CASTLE)
                        .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                        .setIterationCount(2048).build(PASSWORD);
        byte[] localKeyId = Certificates.sha1(credentials.certificate());
        var certBag = new JcaPKCS12SafeBagBuilder(credentials.certificate());
        certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
        certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
        var keyBag = new JcaPKCS12SafeBagBuilder(credentials.key(), encryptor);
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
        PKCS12SafeBag[] certificates = withCa
                ? new PKCS12SafeBag[] {certBag.build(), new JcaPKCS12SafeBagBuilder(credentials.ca()).build()}
                : new PKCS12SafeBag[] {certBag.build()};
        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        pfx.addEncryptedData(encryptor, certificates);
        pfx.addData(keyBag.build());
        var mac = format == P12Format.LEGACY
                ? new BcPKCS12MacCalculatorBuilder(new SHA1Digest(),
                        new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE)).setIterationCount(2048)
                : new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(2048);
        return pfx.build(mac, PASSWORD).getEncoded(ASN1Encoding.DER);
    }

}
