package io.ikev2kit.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files a user hands us, read with a size limit checked before the content is held, and every failure
 * reported with its real cause: missing, not permitted, too large, or not UTF-8 text.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Whether the file exists; a directory on the way that may not be searched is reported, not taken for absence. */
    public static boolean exists(Path file) {
        try {
            Files.readAttributes(file, BasicFileAttributes.class);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (AccessDeniedException e) {
            throw denied(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + Visible.of(String.valueOf(e.getMessage())) + ")");
        }
    }

    /** At most {@code limit} bytes of a file; {@code what} names it in the messages, e.g. "the CSV file". */
    public static byte[] read(Path file, long limit, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (content.length > limit) {
                throw new UserError(what + " " + file + " is larger than " + size(limit) + ", more than such a file "
                        + "ever is: check that it is the right file");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new UserError(what + " " + file + " does not exist: check the path");
        } catch (AccessDeniedException e) {
            throw denied(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " " + file + " (" + Visible.of(String.valueOf(e.getMessage()))
                    + "): check that it is a readable file");
        }
    }

    /** A UTF-8 text file, without a leading byte order mark. */
    public static String readText(Path file, long limit, String what) {
        return decode(read(file, limit, what), file, what);
    }

    /** UTF-8 strictly: a wrong encoding is named as such, with where it starts, instead of being garbled. */
    public static String decode(byte[] content, Path file, String what) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UserError(what + " " + file + " is not UTF-8 text (byte " + (firstInvalid(content) + 1)
                    + " is not): save it as UTF-8");
        }
    }

    private static int firstInvalid(byte[] content) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        var result = decoder.decode(in, java.nio.CharBuffer.allocate(content.length + 1), true);
        return result.isError() ? in.position() : 0;
    }

    private static UserError denied(Path file) {
        return new UserError("cannot read " + file + ": permission denied; run as the user who owns it, or fix the "
                + "permissions of the file and its directories");
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes >= 1024 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }
}
