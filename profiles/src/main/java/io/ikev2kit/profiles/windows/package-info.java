/**
 * The Windows client: a PowerShell script (template {@code device.ps1.ftl}) that imports the p12
 * and adds the VPN connection, its {@code .cmd} launcher ({@code device.cmd.ftl}), and PowerShell quoting.
 */
package io.ikev2kit.profiles.windows;
