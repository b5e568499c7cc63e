package io.ikev2kit.cli.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how to submit mail, from {@code smtp://[user@]host[:port]} (STARTTLS required, port 587) or
 * {@code smtps://[user@]host[:port]} (implicit TLS, port 465). A user name containing {@code @} is written
 * {@code %40}. The password never comes from the URI: it is given separately with {@link #withPassword}.
 */
public final class SmtpSettings {

    /** How the connection is protected. There is deliberately no plain-text mode. */
    public enum Security {
        /** Plain connect, then STARTTLS; the send fails if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS). */
        IMPLICIT_TLS
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final String FORMS = "use smtp://[user@]host[:port] (STARTTLS, port 587) or "
            + "smtps://[user@]host[:port] (implicit TLS, port 465)";

    private final Security security;
    private final String host;
    private final int port;
    private final String user;
    private final char[] password;
    private final Duration timeout;

    private SmtpSettings(Security security, String host, int port, String user, char[] password, Duration timeout) {
        this.security = security;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    /** Parses an SMTP URI; anything wrong with it is a {@link MailException} that names the part at fault. */
    public static SmtpSettings parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new MailException("the SMTP URI is empty; " + FORMS);
        }
        String text = uri.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new MailException("the SMTP URI does not start with smtp:// or smtps://; " + FORMS);
        }
        String authority = text.substring(schemeEnd + 3);
        int at = authority.lastIndexOf('@');
        // checked before anything is quoted back, so no message can echo a password
        if (at >= 0 && authority.substring(0, at).contains(":")) {
            throw new MailException("the SMTP URI contains a password (user:password@); remove it and pass the "
                    + "password in IKEV2KIT_SMTP_PASSWORD or a password file instead");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Security security = switch (scheme) {
            case "smtp" -> Security.STARTTLS;
            case "smtps" -> Security.IMPLICIT_TLS;
            default -> throw new MailException("the SMTP URI scheme '" + scheme + "' is not supported; " + FORMS);
        };
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("?") || authority.contains("/") || authority.contains("#")) {
            throw new MailException("the SMTP URI may only hold [user@]host[:port], no path or options "
                    + "(STARTTLS cannot be made optional); " + FORMS);
        }
        String user = at >= 0 ? decode(authority.substring(0, at)) : null;
        if (user != null && user.isEmpty()) {
            throw new MailException("the SMTP URI has an empty user name before '@'; give the user or drop the '@'");
        }
        String[] hostAndPort = splitHostPort(authority.substring(at + 1));
        int port = hostAndPort[1] != null ? port(hostAndPort[1]) : security == Security.STARTTLS ? 587 : 465;
        return new SmtpSettings(security, hostAndPort[0], port, user, new char[0], DEFAULT_TIMEOUT);
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} into host and port text (or null). */
    private static String[] splitHostPort(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new MailException("the SMTP URI host '" + hostPort + "' lacks its closing ']'; " + FORMS);
            }
            String host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!host.matches("[0-9A-Fa-f:.]+")) {
                throw new MailException("the SMTP URI host '[" + host + "]' is not an IPv6 address; " + FORMS);
            }
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new MailException("the SMTP URI has text after the IPv6 address; " + FORMS);
            }
            return new String[] {host, rest.isEmpty() ? null : rest.substring(1)};
        }
        int colon = hostPort.indexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw new MailException("the SMTP URI host '" + host + "' is not a host name or address; " + FORMS);
        }
        return new String[] {host, colon < 0 ? null : hostPort.substring(colon + 1)};
    }

    private static int port(String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new MailException("the SMTP URI port '" + text + "' is not a number from 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    /** A copy that logs in with this password; the array is copied, so the caller may clear its own. */
    public SmtpSettings withPassword(char[] newPassword) {
        return new SmtpSettings(security, host, port, user, newPassword.clone(), timeout);
    }

    /** A copy with this connect, read and write timeout. */
    public SmtpSettings withTimeout(Duration newTimeout) {
        if (newTimeout.isNegative() || newTimeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + newTimeout);
        }
        return new SmtpSettings(security, host, port, user, password.clone(), newTimeout);
    }

    public Security security() {
        return security;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public boolean hasPassword() {
        return password.length > 0;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A copy of the password, for the moment of login only. */
    char[] password() {
        return password.clone();
    }

    /** The URI without any secret, for messages: {@code smtp://alice%40example.com@mail.example.com:587}. */
    @Override
    public String toString() {
        String scheme = security == Security.STARTTLS ? "smtp" : "smtps";
        String userPart = user == null ? "" : user.replace("%", "%25").replace("@", "%40") + "@";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + userPart + hostPart + ":" + port;
    }

    private static String decode(String s) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new MailException("the SMTP URI user name has a '%' not followed by two hex digits; "
                            + "write '@' in a user name as %40");
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
