package io.ikev2kit.cli.server;

import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.cli.options.TemplateOptions;
import io.ikev2kit.profiles.server.ServerBundle;
import io.ikev2kit.profiles.server.ServerBundleStamp;
import io.ikev2kit.profiles.server.ServerMaterial;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", subcommands = ServerRenewCommand.class, description = "Write the server bundle: swanctl and ipsec configs, sysctl, NAT rules, install.sh.",
        footer = {"", "Example:", "  ikev2kit server --out bundle/ && scp -r bundle root@vpn.example.com: ",
                "  ssh root@vpn.example.com 'cd bundle && ./install.sh'"})
public final class ServerCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Mixin
    TemplateOptions templates;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the bundle (required).")
    Path out;

    @Override
    public Integer call() {
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        PrintWriter writer = spec.commandLine().getOut();
        for (Path file : ServerBundle.write(workspace.site(), ServerMaterial.from(workspace), out, templates.renderer())) {
            writer.println("wrote " + file);
        }
        ServerBundleStamp.of(workspace).write(out);
        writer.println("next: copy " + out + " to the server and run ./install.sh there as root (--dry-run shows what it does)");
        return 0;
    }
}
