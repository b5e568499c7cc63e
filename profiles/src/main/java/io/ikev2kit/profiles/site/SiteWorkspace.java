package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.CertificateAuthority;
import io.ikev2kit.pki.DeviceIdentity;
import io.ikev2kit.pki.DeviceIssuer;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Pkcs11Token;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.ServerIdentity;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.TokenSigner;
import io.ikev2kit.pki.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/** A site on disk: its site file and its CA store, and the operations the commands perform on them. */
public final class SiteWorkspace {
    private final Path dir;
    private final Site site;
    private final SiteStore store;

    private SiteWorkspace(Path dir, Site site, SiteStore store) {
        this.dir = dir;
        this.site = site;
        this.store = store;
    }

    /**
     * Creates the CA, the server certificate and the site file. Refuses to touch an existing site. On a token
     * site {@code caSecret} is the token's PIN, and the token is done with (key found or generated, the CA
     * certificate stored beside it) before anything is written, so a token failure leaves no files.
     */
    public static SiteWorkspace init(Path dir, Site site, CaSubject caSubject, int caDays, Passphrase caSecret) {
        SiteStore store = new SiteStore(dir, site.caToken());
        if (Files.exists(SiteFile.path(dir)) || store.exists()) {
            throw new UserError("a site already exists in " + dir + ": use another --dir, or delete it to start over");
        }
        if (caDays < site.serverDays() || caDays > Site.MAX_DAYS) {
            throw new UserError("the CA lifetime (" + caDays + " days) must be at least the server certificate's ("
                    + site.serverDays() + ") and at most " + Site.MAX_DAYS);
        }
        CertificateAuthority ca = site.caToken().isPresent()
                ? tokenCa(site.caToken().get(), site.keyType(), caSubject, caDays, caSecret)
                : CertificateAuthority.create(caSubject, site.keyType(), caDays);
        AtomicFiles.createDirectories(dir, false); // a new site is its owner's alone, whatever the umask
        try (SiteStore.Lock lock = store.lock()) {
            KeyPair serverKey = site.keyType().generate();
            X509Certificate server = ca.issueServer(caSubject,
                    new ServerIdentity(site.host(), site.addresses()), serverKey.getPublic(), site.serverDays());
            store.initialize(ca, caSecret, server, serverKey.getPrivate());
            SiteFile.write(dir, site);
        }
        return new SiteWorkspace(dir, site, store);
    }

    /** The token's key (generated there when the URI names none yet), self-signed as the new CA. */
    private static CertificateAuthority tokenCa(CaToken location, KeyType type, CaSubject subject, int days, Passphrase pin) {
        Pkcs11Token token = Pkcs11Token.open(location, pin);
        Optional<TokenSigner> existing = token.key(type);
        // a key made elsewhere is known by the certificate beside it: prove that certificate is really its own
        if (existing.isPresent() && !existing.get().matches(existing.get().publicKey())) {
            throw new UserError("the certificate stored beside the " + location.describe() + " is for another key: "
                    + "store the key's own certificate with it (same CKA_ID), or name another key");
        }
        TokenSigner key = existing.orElseGet(() -> token.generate(type));
        CertificateAuthority ca = CertificateAuthority.create(subject, days, key.publicKey(), key);
        if (existing.isEmpty()) {
            token.storeCertificate(ca.certificate());
        }
        return ca;
    }

    public static SiteWorkspace open(Path dir) {
        Site site = SiteFile.read(dir);
        SiteStore store = new SiteStore(dir, site.caToken());
        if (!InputFiles.exists(store.caCertificateFile())) {
            throw new UserError("the CA files in " + dir.resolve(SiteStore.DIR) + " are missing: restore them from a "
                    + "backup; without them no device can be issued");
        }
        return new SiteWorkspace(dir, site, store);
    }

    public Path dir() {
        return dir;
    }

    public Site site() {
        return site;
    }

    public SiteStore store() {
        return store;
    }

    /**
     * Issues every requested device or none: names are checked against the index and each other before the CA
     * key is used; {@link DeviceBatch} does the work, with the index written once, last.
     */
    public List<IndexEntry> addDevices(List<DeviceRequest> requests, Passphrase caPassphrase,
                                         Function<DeviceName, Passphrase> p12Passwords, Progress progress) {
        return addDevices(requests, store.unlockInBackground(caPassphrase), p12Passwords, progress);
    }

    /** As above, with the CA key's decryption already started ({@link SiteStore#unlockInBackground}). */
    public List<IndexEntry> addDevices(List<DeviceRequest> requests, CompletableFuture<CertificateAuthority> unlocking,
                                         Function<DeviceName, Passphrase> p12Passwords, Progress progress) {
        try (SiteStore.Lock lock = store.lock()) {
            // names compared as Windows and macOS compare file names: 'Alice' and 'alice' would share one export;
            // only the index lines that carry one of the requested names are decoded
            Set<String> requested = new HashSet<>();
            requests.forEach(request -> requested.add(request.name().caseFolded()));
            Map<String, String> existing = new HashMap<>();
            store.currentDeviceNames(requested).forEach(name -> existing.put(name.toLowerCase(Locale.ROOT), name));
            Map<String, DeviceName> seen = new HashMap<>();
            for (DeviceRequest request : requests) {
                new DeviceIdentity(request.name(), site.host()); // checks the certificate name fits, before any work
                request.name().checkUsableForNewDevice();
                DeviceName twin = seen.putIfAbsent(request.name().caseFolded(), request.name());
                if (twin != null) {
                    throw new UserError(twin.equals(request.name())
                            ? "device '" + request.name() + "' is listed twice: give each name once"
                            : "devices '" + twin + "' and '" + request.name() + "' differ only in case, so their "
                            + "profiles would overwrite each other on Windows and macOS: rename one");
                }
                String known = existing.get(request.name().caseFolded());
                if (request.name().value().equals(known)) {
                    throw new UserError("device '" + request.name() + "' already exists: pick another name, or use "
                            + "'ikev2kit device export " + request.name() + "' to get its profiles again");
                }
                if (known != null) {
                    throw new UserError("device '" + request.name() + "' differs only in case from the existing '" + known
                            + "', so their profiles would overwrite each other on Windows and macOS: pick another name");
                }
            }
            Optional<DeviceNetworks> networks = newNetworks(requests);
            List<IndexEntry> issued = new DeviceBatch(store, site).issue(requests, unlocking, p12Passwords, progress);
            networks.ifPresent(n -> n.write(dir)); // after the certificates: a failed batch records no addresses
            return issued;
        }
    }

    /**
     * The device networks file with the new devices' addresses and networks, checked before anything is issued;
     * empty when it would not change.
     */
    private Optional<DeviceNetworks> newNetworks(List<DeviceRequest> requests) {
        DeviceNetworks current = deviceNetworks();
        Map<DeviceName, NetworkRequest> asked = new java.util.LinkedHashMap<>();
        for (DeviceRequest request : requests) {
            if (!request.network().changesNothing() || !current.of(request.name()).isDefault()) {
                asked.put(request.name(), request.network());
            }
        }
        return asked.isEmpty() ? Optional.empty() : Optional.of(NetworkRequest.applyAll(current, asked, site, true));
    }

    /**
     * Changes an existing device's fixed addresses or allowed networks; the certificate stays as it is. Takes
     * effect with the next server bundle (and, for allowed networks, the device's next profiles).
     */
    public DeviceNetwork setNetwork(DeviceName name, NetworkRequest request) {
        try (SiteStore.Lock lock = store.lock()) {
            if (store.index().current(name).isEmpty()) {
                throw new UserError("no device '" + name + "' with a valid certificate in this site: see 'ikev2kit "
                        + "device list', or add it with 'ikev2kit device add " + name + "'");
            }
            DeviceNetworks next = NetworkRequest.applyAll(deviceNetworks(), Map.of(name, request), site, false);
            next.write(dir);
            return next.of(name);
        }
    }

    /** The device's current material, for exporting its profiles. */
    public Device device(DeviceName name) {
        IndexEntry entry = store.index().current(name).orElseThrow(() -> unknown(name));
        return load(entry, store.caCertificate(), deviceNetworks());
    }

    private static UserError unknown(DeviceName name) {
        return new UserError("no device '" + name + "' in this site: see 'ikev2kit device list', or add it with "
                + "'ikev2kit device add " + name + "'");
    }

    /** Every device with a valid certificate, reading the index and the CA once and the devices on all cores. */
    public List<Device> currentDevices() {
        X509Certificate ca = store.caCertificate();
        DeviceNetworks networks = deviceNetworks();
        return store.index().currentDevices().parallelStream().map(entry -> load(entry, ca, networks)).toList();
    }

    /**
     * Every device with a valid certificate, to be loaded a batch at a time ({@link CurrentDevices#forEachBatch}):
     * memory then holds the index and one batch of certificates and p12s, whatever the size of the site.
     */
    public CurrentDevices currentDeviceBatches() {
        X509Certificate ca = store.caCertificate();
        DeviceNetworks networks = deviceNetworks();
        return new CurrentDevices(store.index().currentDevices(), entry -> load(entry, ca, networks));
    }

    /** The named devices' current material, batch by batch; one read of the index whatever the count. */
    public CurrentDevices namedDeviceBatches(List<DeviceName> names) {
        Map<String, IndexEntry> current = new HashMap<>();
        store.index().currentDevices().forEach(entry -> current.put(entry.name(), entry));
        List<IndexEntry> entries = new ArrayList<>();
        for (DeviceName name : names) {
            IndexEntry entry = current.get(name.value());
            if (entry == null) {
                throw unknown(name);
            }
            entries.add(entry);
        }
        return deviceBatches(entries);
    }

    /** These devices (from {@link #addDevices}), to be loaded a batch at a time like {@link #currentDeviceBatches}. */
    public CurrentDevices deviceBatches(List<IndexEntry> entries) {
        X509Certificate ca = store.caCertificate();
        DeviceNetworks networks = deviceNetworks();
        return new CurrentDevices(entries, entry -> load(entry, ca, networks));
    }

    /** Devices as index entries, loaded into {@link Device}s batch by batch. */
    public record CurrentDevices(List<IndexEntry> entries, Function<IndexEntry, Device> loader) {
        /** How many devices a batch holds: enough to keep every core busy, few enough to stay small. */
        public static final int BATCH = 256;

        public int count() {
            return entries.size();
        }

        /** Hands over the devices {@link #BATCH} at a time, each batch loaded on all cores. */
        public void forEachBatch(Consumer<List<Device>> batches) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                batches.accept(entries.subList(from, Math.min(entries.size(), from + BATCH)).parallelStream()
                        .map(loader).toList());
            }
        }
    }

    private Device load(IndexEntry entry, X509Certificate ca, DeviceNetworks networks) {
        X509Certificate certificate = store.issuedCertificate(entry.serial());
        if (!certificate.getSerialNumber().equals(entry.serial())) {
            throw new UserError(store.issuedFile(entry.serial()) + " does not match the index: restore the site from a backup");
        }
        DeviceName name = new DeviceName(entry.name());
        return new Device(new DeviceIdentity(name, site.host()), certificate, store.p12(entry), entry.platform(), ca,
                networks.of(name));
    }

    /** Every device's fixed addresses and allowed networks, read in one pass ({@link DeviceNetworks}). */
    public DeviceNetworks deviceNetworks() {
        return DeviceNetworks.read(dir);
    }

    public List<IndexEntry> devices() {
        return store.index().devices();
    }

    /**
     * What a device request asks for; days empty means the site's default. {@code standalone} is the p12 form
     * the bare .p12 and the Windows script carry; both forms are issued.
     */
    public record DeviceRequest(DeviceName name, Optional<Integer> days, P12Format standalone, Platform platform,
                                NetworkRequest network) {
        public DeviceRequest {
            days.ifPresent(d -> Site.checkLifetime(d, "device"));
        }

        /** A device with no fixed address that may reach everything. */
        public DeviceRequest(DeviceName name, Optional<Integer> days, P12Format standalone, Platform platform) {
            this(name, days, standalone, platform, NetworkRequest.UNCHANGED);
        }

        /** The same request with {@code asked} for the device's network. */
        public DeviceRequest withNetwork(NetworkRequest asked) {
            return new DeviceRequest(name, days, standalone, platform, asked);
        }

        /** A device of platform 'any'. */
        public DeviceRequest(DeviceName name, Optional<Integer> days, P12Format standalone) {
            this(name, days, standalone, Platform.ANY);
        }

        /** The platform's own p12 form for the bare .p12 and the Windows script. */
        public static DeviceRequest of(DeviceName name, Optional<Integer> days, Platform platform) {
            return new DeviceRequest(name, days, platform.standaloneP12(), platform);
        }
    }

    /** Told after each device is issued; called from several threads. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total, name) -> { };

        void advanced(int done, int total, DeviceName name);
    }
}
