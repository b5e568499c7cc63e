package io.ikev2kit.cli;

import picocli.CommandLine.Command;

@Command(name = "device", description = "Issue, list and export device certificates and profiles.",
        subcommands = {DeviceAddCommand.class, DeviceListCommand.class, DeviceExportCommand.class,
                DeviceRevokeCommand.class, DeviceRenewCommand.class})
public final class DeviceCommand {
}
