package io.ikev2kit.cli.device;

import io.ikev2kit.profiles.site.NetworkRequest;
import io.ikev2kit.profiles.site.NetworkRequest.Address;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** A device's fixed address and allowed networks, as {@code device add} and {@code device set} take them. */
final class NetworkOptions {
    @Option(names = "--address", paramLabel = "A[,A6]", description = "The device's fixed address (IPv4, and/or IPv6 "
            + "after a comma), in the fixed part of the pool (site.conf's fixed-addresses; default: its lower half).")
    String address;
    @Option(names = "--fixed", description = "A fixed address: the next free one in the fixed part of each pool.")
    boolean fixed;
    @Option(names = "--allow", paramLabel = "CIDR", arity = "1..*", split = ",", description = "Networks the device may "
            + "reach through the VPN (default: everything), e.g. --allow 192.168.1.0/24 10.20.0.0/16.")
    List<String> allow;

    /** What was asked, or a usage error (exit 2) for options that exclude each other. */
    NetworkRequest request(CommandSpec spec, boolean noAddress, boolean allowAll) {
        int addressOptions = (address != null ? 1 : 0) + (fixed ? 1 : 0) + (noAddress ? 1 : 0);
        if (addressOptions > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one of --address, --fixed" + (noAddress ? " and --no-address" : "") + ", not several");
        }
        if (allow != null && allowAll) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --allow or --allow-all, not both");
        }
        Address choice = address != null ? Address.GIVEN : fixed ? Address.NEXT_FREE : noAddress ? Address.NONE
                : Address.KEEP;
        Optional<List<io.ikev2kit.profiles.site.Cidr>> allowed = allowAll ? Optional.of(List.of())
                : Optional.ofNullable(allow).map(NetworkRequest::parseAllowed);
        return new NetworkRequest(choice, address == null ? List.of() : NetworkRequest.parseAddresses(address), allowed);
    }
}
