package org.stochopt.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines exactly as {@link java.io.BufferedReader#readLine} does ({@code \n},
 * {@code \r} or {@code \r\n} end a line; a last line without a terminator counts; no empty line
 * after a final terminator), but hands each line over as a slice of a byte buffer, so that a
 * reader parses it without decoding it into a {@code String} first. Splitting UTF-8 at these two
 * bytes is safe: they never occur inside a multi-byte character.
 */
final class ByteLines {
  private ByteLines() {}

  /** Receives one line: {@code b[from, to)}, valid only during the call; line numbers start at 1. */
  @FunctionalInterface
  interface Sink {
    void line(byte[] b, int from, int to, long lineNumber) throws IOException;
  }

  /** Calls {@code sink} for every line of {@code in}; the stream is not closed. */
  static void forEach(InputStream in, Sink sink) throws IOException {
    byte[] buf = new byte[1 << 20];
    int start = 0; // first byte of the current line
    int end = 0; // end of the valid bytes
    int scan = 0; // where the search for a terminator resumes
    long lineNumber = 0;
    boolean skipLf = false; // the previous line ended with \r at the end of the buffer
    while (true) {
      if (skipLf && start < end) {
        if (buf[start] == '\n') {
          start++;
          scan = start;
        }
        skipLf = false;
      }
      int i = scan;
      while (i < end && buf[i] != '\n' && buf[i] != '\r') i++;
      if (i < end) {
        sink.line(buf, start, i, ++lineNumber);
        if (buf[i] == '\r') {
          if (i + 1 < end) {
            if (buf[i + 1] == '\n') i++;
          } else {
            skipLf = true;
          }
        }
        start = i + 1;
        scan = start;
        continue;
      }
      // No terminator in the buffer: keep the partial line, make room, read more.
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
      scan = end;
      int read = in.read(buf, end, buf.length - end);
      if (read < 0) {
        if (end > start) sink.line(buf, start, end, ++lineNumber);
        return;
      }
      end += read;
    }
  }
}
