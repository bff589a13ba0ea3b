package io.s3redshiftloader.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and says exactly where the bytes stop being UTF-8: which byte, after all the text before it
 * has been read (so the reader above knows the line). An InputStreamReader fails a whole buffer before the bad byte is
 * reached, so its error cannot name the place. A leading byte order mark is dropped.
 */
final class Utf8Reader extends Reader {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private long bytesRead;
    private boolean atStart = true;
    private boolean endOfInput;
    private NotUtf8Exception failure;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!decodeMore()) {
                return -1;
            }
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    /** Decodes what the buffered bytes hold; false at the end of the input. The good text before a bad byte comes out first. */
    private boolean decodeMore() throws IOException {
        if (failure != null) {
            throw failure;
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        chars.flip();
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(0) == BYTE_ORDER_MARK) {
                chars.position(1);
            }
        }
        if (result.isError()) {
            failure = new NotUtf8Exception(bytesRead - bytes.remaining() + 1, bytes.get(bytes.position()) & 0xFF);
        } else if (result.isUnderflow() && !chars.hasRemaining()) {
            if (endOfInput) {
                return false;
            }
            fill();
        }
        return true;
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
            bytesRead += read;
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The input is not UTF-8 from this byte (numbered from 1) on. */
    static final class NotUtf8Exception extends IOException {
        private final long byteNumber;
        private final int byteValue;

        NotUtf8Exception(long byteNumber, int byteValue) {
            super(String.format("byte %d (0x%02X) is not UTF-8", byteNumber, byteValue));
            this.byteNumber = byteNumber;
            this.byteValue = byteValue;
        }

        long byteNumber() {
            return byteNumber;
        }

        int byteValue() {
            return byteValue;
        }
    }
}
