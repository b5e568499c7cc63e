package io.ikev2kit.cli.device;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.InputFiles;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.pki.Visible;
import io.ikev2kit.profiles.site.NetworkRequest;
import io.ikev2kit.profiles.site.SiteWorkspace.DeviceRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A bulk device list: one device per line, {@code name[,days][,platform][,address][,allowed]}, {@code #} for
 * comments. The third field was the p12 form before devices had a platform; {@code legacy} and {@code modern}
 * still mean that (the form of the bare .p12 and Windows script, platform {@code any}), so old files keep working.
 * The address column holds {@code A}, {@code A A6} or {@code fixed}, the allowed column blocks separated by spaces,
 * since commas separate the columns. Every bad line is reported at once, so a user fixes the file in one pass, and
 * nothing is issued until all lines are good.
 */
final class DeviceCsv {
    /** Room for far more devices than a site holds (100,000 lines are about 3 MB). */
    static final long MAX_BYTES = 64L << 20;
    /** Bad lines named in the one error line; the rest are counted. */
    static final int MAX_REPORTED = 10;

    private DeviceCsv() {
    }

    static List<DeviceRequest> read(Path file, Platform platformDefault, boolean legacyDefault) {
        return read(file, platformDefault, legacyDefault, NetworkRequest.UNCHANGED);
    }

    /** As above; {@code networkDefault} (the command line's --fixed/--allow) for lines without those columns. */
    static List<DeviceRequest> read(Path file, Platform platformDefault, boolean legacyDefault,
                                    NetworkRequest networkDefault) {
        return readLines(file, line -> parse(line, platformDefault, legacyDefault, networkDefault), "issued",
                "lists no devices: write one per line as name[,days][,platform][,address][,allowed]");
    }

    /**
     * Each line of a device list that is neither blank nor a comment, parsed; every bad line is reported at once
     * and nothing is done ({@code action}: what would have been) unless all are good.
     */
    static <T> List<T> readLines(Path file, Function<String, T> parse, String action, String whenEmpty) {
        List<String> lines = InputFiles.readText(file, MAX_BYTES, "the device list").lines().toList();
        List<T> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                parsed.add(parse.apply(line));
            } catch (UserError e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_REPORTED));
            throw new UserError(file + " has " + problems.size() + " bad line" + (problems.size() == 1 ? "" : "s")
                    + ", nothing was " + action + ": " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : ""));
        }
        if (parsed.isEmpty()) {
            throw new UserError(file + " " + whenEmpty);
        }
        return parsed;
    }

    private static DeviceRequest parse(String line, Platform platformDefault, boolean legacyDefault,
                                       NetworkRequest networkDefault) {
        String[] fields = line.split(",", -1);
        if (fields.length > 5) {
            throw new UserError("expected name[,days][,platform][,address][,allowed], found " + fields.length + " fields");
        }
        return request(fields, platformDefault, legacyDefault).withNetwork(network(fields, networkDefault));
    }

    /**
     * The fourth and fifth columns: {@code A}, {@code A A6} or {@code fixed}; allowed blocks separated by spaces.
     * An empty column takes the command line's choice.
     */
    private static NetworkRequest network(String[] fields, NetworkRequest networkDefault) {
        String address = fields.length > 3 ? fields[3].strip() : "";
        String allowed = fields.length > 4 ? fields[4].strip() : "";
        NetworkRequest.Address choice = address.isEmpty() ? networkDefault.address()
                : address.equals("fixed") ? NetworkRequest.Address.NEXT_FREE : NetworkRequest.Address.GIVEN;
        List<java.net.InetAddress> given = choice != NetworkRequest.Address.GIVEN ? List.of()
                : address.isEmpty() ? networkDefault.explicit() : NetworkRequest.parseAddresses(address);
        Optional<List<io.ikev2kit.profiles.site.Cidr>> blocks = allowed.isEmpty() ? networkDefault.allowed()
                : Optional.of(NetworkRequest.parseAllowed(List.of(allowed)));
        return new NetworkRequest(choice, given, blocks);
    }

    private static DeviceRequest request(String[] fields, Platform platformDefault, boolean legacyDefault) {
        DeviceName name = DeviceName.forNewDevice(fields[0].strip());
        Optional<Integer> days = Optional.empty();
        if (fields.length > 1 && !fields[1].isBlank()) {
            try {
                days = Optional.of(Integer.parseInt(fields[1].strip()));
            } catch (NumberFormatException e) {
                throw new UserError("days " + Visible.quote(fields[1].strip()) + " is not a whole number of days");
            }
        }
        String third = fields.length > 2 ? fields[2].strip() : "";
        if (third.equals("legacy") || third.equals("modern")) {
            return new DeviceRequest(name, days, P12Format.parse(third), Platform.ANY);
        }
        Platform platform = third.isEmpty() ? platformDefault : Platform.parse(third);
        return new DeviceRequest(name, days, legacyDefault ? P12Format.LEGACY : platform.standaloneP12(), platform);
    }
}
