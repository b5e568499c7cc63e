package io.ikev2kit.profiles.server;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.profiles.android.AndroidProfile;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.apple.AppleProfile;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.windows.WindowsScript;
import io.ikev2kit.profiles.apple.AppleProposals;
import io.ikev2kit.profiles.windows.ScriptAssignments;
import io.ikev2kit.profiles.windows.WindowsProposals;
import io.ikev2kit.templates.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Generates each client's file for a device and reads back what that client will propose and present. */
final class GeneratedClients {
    private GeneratedClients() {
    }

    record Apple(AppleProposals proposals, String localIdentifier, String remoteIdentifier, byte[] p12) {
    }

    record Windows(WindowsProposals proposals, byte[] p12) {
    }

    record Android(String ike, String esp, String localIdentifier, String remoteId, byte[] p12) {
    }

    static Apple apple(SiteWorkspace workspace, DeviceName name) {
        byte[] file = AppleProfile.build(workspace.site(), workspace.device(name), AppleOptions.defaults(), Renderer.builtIn());
        try {
            NSDictionary profile = (NSDictionary) PropertyListParser.parse(file);
            NSData p12 = (NSData) AppleProposals.payload(profile, "com.apple.security.pkcs12").objectForKey("PayloadContent");
            NSDictionary ikev2 = AppleProposals.ikev2(profile);
            return new Apple(AppleProposals.read(profile), ikev2.objectForKey("LocalIdentifier").toString(),
                    ikev2.objectForKey("RemoteIdentifier").toString(), p12.bytes());
        } catch (Exception e) {
            throw new AssertionError("the generated mobileconfig does not parse", e);
        }
    }

    static Windows windows(SiteWorkspace workspace, DeviceName name, Path dir) throws IOException {
        Path ps1 = dir.resolve(name.value() + ".ps1");
        Files.writeString(ps1, WindowsScript.build(workspace.site(), workspace.device(name), Renderer.builtIn()));
        String p12 = ScriptAssignments.read(ps1).resolveString("DeviceP12Base64");
        return new Windows(WindowsProposals.read(ps1), Base64.getMimeDecoder().decode(p12));
    }

    static Android android(SiteWorkspace workspace, DeviceName name) throws IOException {
        JsonNode profile = new ObjectMapper().readTree(
                AndroidProfile.build(workspace.site(), workspace.device(name), Renderer.builtIn()));
        return new Android(profile.get("ike-proposal").asText(), profile.get("esp-proposal").asText(),
                profile.get("local").get("id").asText(), profile.get("remote").get("id").asText(),
                Base64.getDecoder().decode(profile.get("local").get("p12").asText()));
    }
}
