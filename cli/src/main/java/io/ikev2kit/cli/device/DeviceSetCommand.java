package io.ikev2kit.cli.device;

import io.ikev2kit.cli.options.SiteOptions;
import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.profiles.site.DeviceNetwork;
import io.ikev2kit.profiles.site.NetworkRequest;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set", description = "Change a device's fixed address or the networks it may reach.",
        footer = {"", "Then regenerate the server bundle (ikev2kit server --out DIR, install.sh on the server); after",
                "--allow or --allow-all also the device's profiles (ikev2kit device export NAME).",
                "", "Examples:", "  ikev2kit device set alice-phone --address 10.10.10.50",
                "  ikev2kit device set nas-backup --fixed --allow 192.168.1.0/24"})
public final class DeviceSetCommand implements Callable<Integer> {
    @Mixin
    SiteOptions site;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;
    @Mixin
    NetworkOptions network;
    @Option(names = "--no-address", description = "No fixed address: the device gets one from the pool again.")
    boolean noAddress;
    @Option(names = "--allow-all", description = "The device may reach everything the VPN routes again.")
    boolean allowAll;

    @Override
    public Integer call() {
        NetworkRequest request = network.request(spec, noAddress, allowAll);
        if (request.changesNothing()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say what to change: --address, --fixed, --no-address, --allow or --allow-all");
        }
        SiteWorkspace workspace = SiteWorkspace.open(site.dir());
        DeviceNetwork changed = workspace.setNetwork(new DeviceName(name), request);
        PrintWriter out = spec.commandLine().getOut();
        out.println("set " + NetworkRequest.describe(changed));
        out.println("next: ikev2kit server --out DIR, then on the server ./install.sh"
                + (request.allowed().isPresent() ? "; and ikev2kit device export " + changed.name() + " for its new routes" : ""));
        return 0;
    }
}
