package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    @Test
    void decodesEveryCharacterWhateverTheReadSizesOnEitherSide() throws IOException {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        String[] pieces = {"a", ",", "\n", "\r\n", "é", "€", "😀", "汉"};
        while (text.length() < 60_000) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (Utf8Reader reader = new Utf8Reader(new TrickleStream(bytes, random))) {
            StringBuilder read = new StringBuilder();
            char[] buffer = new char[100];
            int n;
            while ((n = reader.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
                read.append(buffer, 0, n);
            }
            assertEquals(text.toString(), read.toString());
        }
    }

    @Test
    void theTextBeforeAnInvalidByteIsReadThenTheByteIsNamed() throws IOException {
        byte[] bytes = {'a', '\r', '\n', 'b', '\r', 'c', '\n', 'd', (byte) 0xC3, '(', 'e'};
        try (Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            char[] buffer = new char[100];
            assertEquals(8, reader.read(buffer, 0, 100));
            Utf8Reader.NotUtf8Exception e = assertThrows(Utf8Reader.NotUtf8Exception.class, () -> reader.read(buffer, 0, 100));
            assertEquals(9, e.byteNumber());
            assertEquals(0xC3, e.byteValue());
        }
    }

    @Test
    void onlyALeadingByteOrderMarkIsDropped() throws IOException {
        byte[] bytes = "\uFEFFa\uFEFFb".getBytes(StandardCharsets.UTF_8);
        try (Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            char[] buffer = new char[10];
            int n = reader.read(buffer, 0, 10);
            assertEquals("a\uFEFFb", new String(buffer, 0, n));
        }
    }

    /** Hands out a few bytes per read, so multi-byte characters are split between reads. */
    private static final class TrickleStream extends FilterInputStream {
        private final Random random;

        TrickleStream(byte[] bytes, Random random) {
            super(new ByteArrayInputStream(bytes));
            this.random = random;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
        }
    }
}
