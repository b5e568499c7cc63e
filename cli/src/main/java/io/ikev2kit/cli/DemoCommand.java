package io.ikev2kit.cli;

import io.ikev2kit.cli.mail.DeliveryListener;
import io.ikev2kit.cli.mail.EmlWriter;
import io.ikev2kit.cli.mail.ProfileMail;
import io.ikev2kit.cli.mail.ProfileMails;
import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.CaSubject;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.IpAddresses;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Passphrase;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.ClientFiles;
import io.ikev2kit.profiles.ClientFormat;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.server.ServerBundle;
import io.ikev2kit.profiles.server.ServerBundleStamp;
import io.ikev2kit.profiles.server.ServerMaterial;
import io.ikev2kit.profiles.site.Cidr;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Lifecycle;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.site.SiteWorkspace.DeviceRequest;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Build a complete example site with throwaway passphrases and every output.")
public final class DemoCommand implements Callable<Integer> {
    static final String MARKER = ".ikev2kit-demo";
    static final List<String> DEVICES = List.of("alice-phone", "bob-laptop");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "demo", description = "Where to build it (default: ./demo).")
    Path dir;

    @Override
    public Integer call() {
        Path root = dir.toAbsolutePath().normalize();
        prepare(root);
        PrintWriter out = spec.commandLine().getOut();
        Passphrase caPassphrase = Passphrase.random();
        Passphrase p12Password = Passphrase.random();

        Site site = exampleSite();
        Path siteDir = root.resolve("site");
        SiteWorkspace workspace = SiteWorkspace.init(siteDir, site,
                new CaSubject("Example VPN Root CA", "Example", "DE"), 3650, caPassphrase);
        workspace.addDevices(List.of(
                        DeviceRequest.of(new DeviceName(DEVICES.get(0)), Optional.empty(), Platform.IOS),
                        DeviceRequest.of(new DeviceName(DEVICES.get(1)), Optional.empty(), Platform.WINDOWS)),
                caPassphrase, name -> p12Password, SiteWorkspace.Progress.NONE);

        new Lifecycle(workspace).signCrl(caPassphrase);
        Renderer renderer = Renderer.builtIn();
        List<Path> serverFiles = ServerBundle.write(site, ServerMaterial.from(workspace), root.resolve("server"), renderer);
        ServerBundleStamp.of(workspace).write(root.resolve("server"));
        ClientFiles clientFiles = new ClientFiles(site, renderer);
        ProfileMails mails = new ProfileMails(site, renderer);
        List<ProfileMail> messages = new ArrayList<>();
        int written = 0;
        for (String name : DEVICES) {
            Device device = workspace.device(new DeviceName(name));
            written += clientFiles.write(device, ClientFormat.ALL, AppleOptions.defaults(),
                    root.resolve("clients").resolve(name)).size();
            messages.add(mails.mail(device, name.replace("-", ".") + "@example.com", mails.defaultSender()));
        }
        new EmlWriter(root.resolve("mail")).deliver(messages, DeliveryListener.NONE);

        out.println("demo site built in " + root + " (throwaway keys: never use them for a real VPN)");
        out.println();
        out.println("  CA passphrase:   " + caPassphrase.reveal());
        out.println("  p12 password:    " + p12Password.reveal() + "   (both devices)");
        out.println();
        out.println("  site/site.conf                  the settings: host " + site.host() + ", pools, DNS, suite "
                + site.suite().label());
        out.println("  site/pki/                       CA (encrypted key), server certificate, devices, index");
        out.println("  server/                         " + serverFiles.size() + " files: etc/swanctl/swanctl.conf, "
                + "etc/ipsec.conf, sysctl, NAT rules, install.sh");
        out.println("  clients/alice-phone/            an iPhone: .mobileconfig, .ps1 + .cmd, .sswan, .p12 (every format)");
        out.println("  clients/bob-laptop/             a Windows PC: the same set; its mail carries the Windows setup only");
        out.println("  (" + written + " client files in all)");
        out.println("  site/pki/crl.pem                the CRL (empty), also in server/etc/swanctl/ikev2kit/");
        out.println("  mail/                           an .eml per device: what 'ikev2kit mail' sends (open in any mail client)");
        out.println();
        String self = invokedAs();
        out.println("Try: " + self + " device list --dir " + siteDir);
        out.println("     " + self + " inspect " + root.resolve("clients/alice-phone/alice-phone.mobileconfig"));
        out.println("     " + self + " doctor --dir " + siteDir + " --bundle " + root.resolve("server"));
        return 0;
    }

    /** The command as the user typed it (the launcher passes it: ./ikev2kit in a checkout), so the hints run as shown. */
    static String invokedAs() {
        String typed = System.getProperty("ikev2kit.invokedAs", "");
        return typed.isBlank() ? "ikev2kit" : typed;
    }

    static Site exampleSite() {
        return new Site(new HostName("vpn.example.com"),
                List.of(IpAddresses.parse("203.0.113.10"), IpAddresses.parse("2001:db8::10")), "Example VPN",
                List.of(Cidr.parse("10.10.10.0/24"), Cidr.parse("fd00:10:10::/112")),
                List.of(IpAddresses.parse("1.1.1.1"), IpAddresses.parse("2606:4700:4700::1111")), List.of(),
                CryptoSuite.MODERN, KeyType.ECDSA_P256, 730, 730, false, Optional.empty(), false);
    }

    /** Rebuilds a previous demo in place, but never deletes a directory the demo did not create. */
    private static void prepare(Path root) {
        try {
            if (Files.exists(root)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(root)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(root.resolve(MARKER))) {
                    throw new UserError(root + " exists and is not an earlier demo: choose an empty or new directory");
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(root)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            AtomicFiles.createDirectories(root, false);
            AtomicFiles.writePublic(root.resolve(MARKER), "built by 'ikev2kit demo'; the next demo run may delete this directory\n");
        } catch (IOException e) {
            throw new UserError("cannot prepare " + root + " (" + e.getMessage() + "): check permissions");
        }
    }
}
