package io.ikev2kit.cli.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP front door on loopback for tests: it speaks STARTTLS itself (GreenMail has no STARTTLS), refuses
 * everything but EHLO/STARTTLS/QUIT before TLS, then relays each command to a GreenMail SMTP server behind it.
 * Faults can be injected: a given reply instead of relaying a command, or a dropped connection.
 */
final class SmtpProxy implements AutoCloseable {

    /** Use as a fault's reply to close the connection instead of answering. */
    static final String DROP = "<drop>";

    private record Fault(String verb, String argumentContains, String reply, AtomicInteger remaining) {
        boolean matches(String verb, String line) {
            return this.verb.equals(verb) && line.toLowerCase(Locale.ROOT).contains(argumentContains)
                    && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private final ServerSocket listener;
    private final int backendPort;
    private final SSLContext tls;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger busyGreetings = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        var thread = new Thread(r, "smtp-proxy");
        thread.setDaemon(true);
        return thread;
    });

    SmtpProxy(int backendPort, SSLContext tls) throws IOException {
        this.backendPort = backendPort;
        this.tls = tls;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Answers {@code reply} (or drops the connection, with {@link #DROP}) instead of relaying the next
     * {@code times} commands with this verb (RCPT, MAIL, DATA, ...) whose line contains {@code argumentContains}. */
    SmtpProxy failing(String verb, String argumentContains, String reply, int times) {
        faults.add(new Fault(verb, argumentContains.toLowerCase(Locale.ROOT), reply, new AtomicInteger(times)));
        return this;
    }

    /** Greets the next {@code times} connections with {@code 421} and closes them, as a busy server does. */
    SmtpProxy busy(int times) {
        busyGreetings.set(times);
        return this;
    }

    /** Every command seen, prefixed {@code plain:} or {@code tls:}; AUTH arguments are left out. */
    List<String> transcript() {
        return List.copyOf(transcript);
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                sockets.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            if (busyGreetings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(out, "421 4.3.2 localhost Too busy, try again later");
                return;
            }
            send(out, "220 localhost ESMTP test proxy");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = verb(line);
                transcript.add("plain:" + (verb.equals("AUTH") ? "AUTH" : line));
                switch (verb) {
                    case "EHLO" -> send(out, "250-localhost\r\n250 STARTTLS");
                    case "HELO", "NOOP", "RSET" -> send(out, "250 OK");
                    case "QUIT" -> {
                        send(out, "221 Bye");
                        return;
                    }
                    case "STARTTLS" -> {
                        send(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket secure = (SSLSocket) tls.getSocketFactory()
                                .createSocket(client, "localhost", client.getPort(), true);
                        sockets.add(secure);
                        secure.setUseClientMode(false);
                        secure.startHandshake();
                        relay(secure);
                        return;
                    }
                    default -> send(out, "530 5.7.0 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client or the test went away; nothing to report
        }
    }

    private void relay(SSLSocket client) throws IOException {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            sockets.add(backend);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            InputStream backendIn = new BufferedInputStream(backend.getInputStream());
            OutputStream backendOut = backend.getOutputStream();
            readReply(backendIn); // GreenMail's greeting; the client had ours
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = verb(line);
                transcript.add("tls:" + (verb.equals("AUTH") ? "AUTH" : line));
                String fault = fault(verb, line);
                if (DROP.equals(fault)) {
                    return;
                }
                if (fault != null) {
                    send(out, fault);
                    continue;
                }
                send(backendOut, line);
                String reply = readReply(backendIn);
                if (reply == null) {
                    return;
                }
                if (verb.equals("DATA") && reply.startsWith("354")) {
                    send(out, reply);
                    String data;
                    do {
                        data = readLine(in);
                        if (data == null) {
                            return;
                        }
                        send(backendOut, data);
                    } while (!data.equals("."));
                    reply = readReply(backendIn);
                    if (reply == null) {
                        return;
                    }
                }
                send(out, reply);
                if (verb.equals("QUIT")) {
                    return;
                }
            }
        }
    }

    private String fault(String verb, String line) {
        for (Fault f : faults) {
            if (f.matches(verb, line)) {
                return f.reply();
            }
        }
        return null;
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A reply's lines up to the one whose code is followed by a space, CRLF-joined; null if the peer closed. */
    private static String readReply(InputStream in) throws IOException {
        var lines = new ArrayList<String>();
        String line;
        do {
            line = readLine(in);
            if (line == null) {
                return null;
            }
            lines.add(line);
        } while (line.length() >= 4 && line.charAt(3) == '-');
        return String.join("\r\n", lines);
    }

    /** One line without its CRLF, byte for byte (ISO-8859-1), reading no further than the line end. */
    private static String readLine(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            bytes.write(b);
        }
        if (b == -1 && bytes.size() == 0) {
            return null;
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
