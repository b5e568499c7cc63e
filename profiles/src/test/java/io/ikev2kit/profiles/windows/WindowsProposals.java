package io.ikev2kit.profiles.windows;

import io.ikev2kit.profiles.suite.Proposals;
import io.ikev2kit.profiles.powershell.CommandCall;
import io.ikev2kit.profiles.powershell.PowerShellGrammar;
import io.ikev2kit.profiles.powershell.PowerShellParse;
import io.ikev2kit.profiles.powershell.WindowsVpnEnums;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IKE and ESP proposals a generated Windows script makes Windows send, in strongSwan syntax, read from the
 * script's parse tree: the six values of its Set-VpnConnectionIPsecConfiguration call (literal, or a {@code $Setting}
 * resolved against the settings block), each checked against Microsoft's documented values, then mapped back with
 * {@link Proposals#windowsIke} and {@link Proposals#windowsEsp}. A handshake test can connect with exactly these.
 */
public record WindowsProposals(String ike, String esp, Map<String, String> settings) {

    public static WindowsProposals read(Path ps1) {
        PowerShellGrammar.requireOrSkip();
        return read(PowerShellGrammar.parse(ps1), ScriptAssignments.read(ps1));
    }

    public static WindowsProposals read(PowerShellParse parse, ScriptAssignments assignments) {
        if (!parse.isValid()) {
            throw new AssertionError("the script does not parse: " + parse.errors());
        }
        CommandCall call = parse.command("Set-VpnConnectionIPsecConfiguration");
        Map<String, String> settings = new LinkedHashMap<>();
        WindowsVpnEnums.IPSEC_CONFIGURATION.forEach((name, allowed) -> {
            String value = value(call, name, assignments);
            String documented = WindowsVpnEnums.documented(allowed, value).orElseThrow(() -> new AssertionError(
                    "-" + name + " " + value + " is not one of the documented values " + allowed));
            settings.put(name, documented);
        });
        String ike = Proposals.windowsIke(settings.get("EncryptionMethod"), settings.get("IntegrityCheckMethod"),
                settings.get("DHGroup"));
        String esp = Proposals.windowsEsp(settings.get("CipherTransformConstants"),
                settings.get("AuthenticationTransformConstants"), settings.get("PfsGroup"));
        return new WindowsProposals(ike, esp, Map.copyOf(settings));
    }

    /** A parameter's value: a bareword or string as written, a variable through the script's settings block. */
    static String value(CommandCall call, String parameter, ScriptAssignments assignments) {
        CommandCall.Parameter p = call.parameter(parameter)
                .orElseThrow(() -> new AssertionError(call + " lacks -" + parameter));
        return switch (p.valueKind()) {
            case BAREWORD, STRING -> p.value();
            case VARIABLE -> assignments.resolveString(p.value());
            default -> throw new AssertionError("-" + parameter + " has a " + p.valueKind() + " value: " + p.text());
        };
    }
}
