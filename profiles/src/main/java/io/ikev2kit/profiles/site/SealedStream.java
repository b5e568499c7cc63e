package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over a stream of any length in segments of {@link #SEGMENT} bytes, each sealed on its own, so
 * neither side holds more than a segment: GCM in one piece cannot be decrypted without buffering all of it,
 * since nothing may be used before the tag is checked. Each segment's nonce is a random prefix, the segment's
 * number and a last-segment flag (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, "Online
 * Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015): segments cannot be reordered,
 * dropped or cut off at the end without a tag failing. Every segment is full but the last, which is shorter
 * (empty when the plaintext fills the one before), so a reader knows which one is last by its length.
 */
final class SealedStream {
    static final int SEGMENT = 1 << 16;
    static final int TAG = 16;
    static final int PREFIX = 7;

    private SealedStream() {
    }

    /** The segment's 12-byte nonce: prefix, big-endian segment number, 1 for the last segment else 0. */
    private static byte[] nonce(byte[] prefix, int segment, boolean last) {
        return ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] prefix, int segment, boolean last, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce(prefix, segment, last)));
            cipher.updateAAD(aad);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Seals what is written to it into {@code sink}; {@link #close} seals the last segment (the sink stays open). */
    static final class Sealer extends OutputStream {
        private final OutputStream sink;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final byte[] buffer = new byte[SEGMENT];
        private int filled;
        private int segment;
        private boolean closed;

        Sealer(OutputStream sink, SecretKey key, byte[] prefix, byte[] aad) {
            this.sink = sink;
            this.key = key;
            this.prefix = prefix.clone();
            this.aad = aad.clone();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == SEGMENT) {
                    seal(false); // a full segment is never the last: the last one is written by close
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(data, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                sink.write(cipher(Cipher.ENCRYPT_MODE, key, prefix, segment, last, aad).doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot seal the backup", e);
            }
            segment++;
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (filled == SEGMENT) {
                    seal(false);
                }
                seal(true);
                Arrays.fill(buffer, (byte) 0);
            }
        }
    }

    /**
     * Opens what {@link Sealer} wrote, segment by segment; a segment is handed out only once its tag is checked.
     * A tag that fails (wrong key, a changed, missing, reordered or cut-off segment) throws {@code failure}.
     * Closing it closes the source.
     */
    static final class Opener extends InputStream {
        private final InputStream source;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final java.util.function.Supplier<UserError> failure;
        private final byte[] sealed = new byte[SEGMENT + TAG];
        private byte[] plain = new byte[0];
        private int position;
        private int segment;
        private boolean ended;

        Opener(InputStream source, SecretKey key, byte[] prefix, byte[] aad, java.util.function.Supplier<UserError> failure) {
            this.source = source;
            this.key = key;
            this.prefix = prefix.clone();
            this.aad = aad.clone();
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, into, offset, n);
            position += n;
            return n;
        }

        private void next() throws IOException {
            int read = source.readNBytes(sealed, 0, sealed.length);
            if (read < TAG) {
                throw failure.get(); // the file ends inside a tag, or where a last segment should be
            }
            boolean last = read < sealed.length;
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, prefix, segment, last, aad).doFinal(sealed, 0, read);
            } catch (AEADBadTagException e) {
                throw failure.get();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot open the backup", e);
            }
            position = 0;
            segment++;
            ended = last;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        /** Reads and checks everything left, keeping nothing: whether the whole stream is intact. */
        void verifyRest() throws IOException {
            byte[] discard = new byte[SEGMENT];
            while (read(discard, 0, discard.length) >= 0) {
                // each read checks a segment's tag
            }
        }
    }
}
