package io.ikev2kit.cli.device;

import picocli.CommandLine.Command;

@Command(name = "device", description = "Issue, list and export device certificates and profiles; set fixed addresses and allowed networks.",
        subcommands = {DeviceAddCommand.class, DeviceListCommand.class, DeviceExportCommand.class,
                DeviceRevokeCommand.class, DeviceRenewCommand.class, DeviceSetCommand.class})
public final class DeviceCommand {
}
