package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init gives clients IPv6 only when the server has an IPv6 address to send it on, and masquerades a private pool. */
class InitIpv6Test {
    @TempDir
    Path tmp;

    @Test
    void aServerWithoutIpv6GetsNoIpv6PoolAndNoIpv6Dns() throws IOException {
        String conf = init("v4", "--ip", "203.0.113.10");

        assertTrue(conf.contains("\npools = 10.10.10.0/24\n"), conf);
        assertTrue(conf.contains("\ndns = 1.1.1.1\n"), conf);
    }

    @Test
    void aServerWithIpv6GetsAPrivatePoolThatIsMasqueraded() throws IOException {
        String conf = init("v6", "--ip", "203.0.113.10", "--ip", "2001:db8::10");

        assertTrue(conf.matches("(?s).*\npools = 10\\.10\\.10\\.0/24, fd[0-9a-f:]+::/112\n.*"), conf);
        assertTrue(conf.contains("\ndns = 1.1.1.1, 2606:4700:4700::1111\n"), conf);
        assertTrue(conf.contains("\nnat66 = true\n"), conf);
    }

    @Test
    void refusesAnIpv6PoolForAServerWithoutIpv6InOneLine() throws IOException {
        Path pass = Tool.secretFile(tmp, "init ipv6 passphrase");
        CliRun run = CliRun.of("init", "--dir", tmp.resolve("refused").toString(), "--host", "vpn.example.com",
                "--pool", "10.10.10.0/24", "--pool", "fd00:1::/112", "--ca-password-file", pass.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("an IPv6 pool needs a server with an IPv6 address"), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertFalse(Files.exists(tmp.resolve("refused/site.conf")));
    }

    private String init(String dir, String... extra) throws IOException {
        Path pass = Tool.secretFile(tmp, "init ipv6 passphrase " + dir);
        List<String> args = new ArrayList<>(List.of("init", "--dir", tmp.resolve(dir).toString(), "--host",
                "vpn.example.com", "--ca-password-file", pass.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return Files.readString(tmp.resolve(dir).resolve("site.conf"));
    }
}
