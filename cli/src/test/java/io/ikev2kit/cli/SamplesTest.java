package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.cli.mail.DeliveryListener;
import io.ikev2kit.cli.mail.EmlWriter;
import io.ikev2kit.cli.mail.ProfileMail;
import io.ikev2kit.cli.mail.ProfileMails;
import io.ikev2kit.profiles.ClientFiles;
import io.ikev2kit.profiles.ClientFormat;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.server.ServerBundle;
import io.ikev2kit.profiles.server.ServerBundleStamp;
import io.ikev2kit.profiles.server.ServerMaterial;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.templates.Renderer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps samples/ true: regenerates every output from the committed sample site and compares it with the
 * committed files. Run with -Dikev2kit.samples.update=true to rewrite them after an intended change.
 */
class SamplesTest {
    static final Path SAMPLES = Path.of(System.getProperty("ikev2kit.root", "..")).resolve("samples");
    static final List<String> OUTPUTS = List.of("server", "clients", "mail");

    @TempDir
    Path tmp;

    @Test
    void committedSamplesMatchWhatTheCodeGenerates() throws Exception {
        Path fresh = tmp.resolve("fresh");
        generate(SAMPLES.resolve("site"), fresh);
        if (Boolean.getBoolean("ikev2kit.samples.update")) {
            for (String dir : OUTPUTS) {
                deleteTree(SAMPLES.resolve(dir));
                copyTree(fresh.resolve(dir), SAMPLES.resolve(dir));
            }
        }
        Map<String, Path> expected = files(SAMPLES);
        Map<String, Path> actual = files(fresh);
        assertEquals(expected.keySet(), actual.keySet(), "the same files; regenerate samples with "
                + "mvn -pl cli -am test -Dtest=SamplesTest -Dikev2kit.samples.update=true -Dsurefire.failIfNoSpecifiedTests=false");
        for (String name : expected.keySet()) {
            if (name.endsWith(".eml")) {
                assertEquals(mailContent(expected.get(name)), mailContent(actual.get(name)), name);
            } else {
                assertArrayEquals(Files.readAllBytes(expected.get(name)), Files.readAllBytes(actual.get(name)),
                        name + " differs from what the code generates now");
            }
        }
        assertTrue(expected.size() > 20, "samples hold every output: " + expected.keySet());
    }

    /** Everything a user gets from the sample site: the server bundle, each device's files and its mail. */
    static void generate(Path site, Path out) {
        SiteWorkspace workspace = SiteWorkspace.open(site);
        Renderer renderer = Renderer.builtIn();
        ServerBundle.write(workspace.site(), ServerMaterial.from(workspace), out.resolve("server"), renderer);
        ServerBundleStamp.of(workspace).write(out.resolve("server"));
        ClientFiles clientFiles = new ClientFiles(workspace.site(), renderer);
        ProfileMails mails = new ProfileMails(workspace.site(), renderer);
        List<ProfileMail> messages = new ArrayList<>();
        for (Device device : workspace.currentDevices()) {
            clientFiles.write(device, ClientFormat.ALL, AppleOptions.defaults(), out.resolve("clients").resolve(device.name()));
            messages.add(mails.mail(device, device.name() + "@example.com", mails.defaultSender()));
        }
        new EmlWriter(out.resolve("mail")).deliver(messages, DeliveryListener.NONE);
    }

    /** A message by content: headers that matter, text parts, and each attachment's name, type and bytes. */
    static List<String> mailContent(Path eml) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(Files.readAllBytes(eml)));
        List<String> parts = new ArrayList<>(List.of("subject: " + message.getSubject(),
                "from: " + List.of(message.getFrom()), "to: " + List.of(message.getAllRecipients())));
        collect(message, parts);
        return parts;
    }

    private static void collect(Part part, List<String> out) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, out);
            }
        } else if (part.getFileName() != null) {
            out.add("attachment " + part.getFileName() + " " + part.getContentType().split(";")[0] + " "
                    + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(part.getInputStream().readAllBytes())));
        } else {
            out.add(part.getContentType().split(";")[0] + ": " + part.getContent());
        }
    }

    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        for (String dir : OUTPUTS) {
            Path base = root.resolve(dir);
            if (!Files.exists(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                walk.filter(Files::isRegularFile).forEach(p -> files.put(root.relativize(p).toString(), p));
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
