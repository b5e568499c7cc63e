package io.ikev2kit.profiles.inspect;

import com.fasterxml.jackson.jr.ob.JSON;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.pki.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Explains a strongSwan Android .sswan profile. */
final class AndroidProfileReader {
    private AndroidProfileReader() {
    }

    static List<String> explain(byte[] content) {
        Map<String, Object> profile;
        try {
            profile = JSON.std.mapFrom(content);
        } catch (IOException | RuntimeException e) {
            throw new UserError("not a readable .sswan profile: it must be JSON as the strongSwan app imports it");
        }
        List<String> lines = new ArrayList<>();
        lines.add("strongSwan Android profile");
        lines.add("  name:         " + profile.get("name"));
        lines.add("  type:         " + profile.get("type"));
        lines.add("  uuid:         " + profile.get("uuid"));
        Map<?, ?> remote = map(profile.get("remote"));
        Map<?, ?> local = map(profile.get("local"));
        lines.add("  server:       " + remote.get("addr") + " (id " + remote.get("id") + ")");
        if (remote.get("cert") instanceof String cert) {
            try {
                lines.add("  CA:           " + Pem.certificate(Base64.getDecoder().decode(cert)).getSubjectX500Principal().getName());
            } catch (RuntimeException e) {
                lines.add("  CA:           (unreadable)");
            }
        }
        lines.add("  identity:     " + local.get("id"));
        if (local.get("p12") instanceof String p12) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(p12);
            } catch (IllegalArgumentException e) {
                throw new UserError("not a readable .sswan profile: its p12 is not valid base64");
            }
            lines.add("  p12:          " + P12Reader.explain(der).get(0) + ", the app asks for its password at import");
        }
        lines.add("  IKE:          " + profile.getOrDefault("ike-proposal", "(app defaults)"));
        lines.add("  ESP:          " + profile.getOrDefault("esp-proposal", "(app defaults)"));
        for (Object proposal : List.of(profile.getOrDefault("ike-proposal", ""), profile.getOrDefault("esp-proposal", ""))) {
            AppleProfileReader.weakStrongswan(String.valueOf(proposal))
                    .ifPresent(weak -> lines.add("  WARNING:      proposal uses " + weak + ", below policy"));
        }
        Map<?, ?> split = map(profile.get("split-tunneling"));
        lines.add("  tunnel:       " + (split.get("subnets") != null ? "split: " + split.get("subnets") : "everything"
                + (Boolean.TRUE.equals(split.get("block-ipv6")) ? " (IPv6 blocked)" : "")));
        return lines;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
