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

  /**
   * Parses a line that starts in a buffer without knowing where it ends (for example
   * {@link LibsvmBytesParser#parseLine}, with the row's bookkeeping after it).
   */
  @FunctionalInterface
  interface LineParser {
    /**
     * Parses the line that starts at {@code from}, reading no byte at or after {@code end}.
     *
     * @return the index of the line's terminator ({@code \n} or {@code \r}) when it took the line;
     *     {@link LibsvmBytesParser#DECLINE} when the line must go to the sink instead;
     *     {@link LibsvmBytesParser#NEED_MORE} when the line does not end before {@code end}
     */
    int parse(byte[] b, int from, int end, long lineNumber) throws IOException;
  }

  /**
   * The lines of {@code in} as {@link #forEach(InputStream, Sink)} splits them, each offered first to
   * {@code parser}, which finds the line's end while it parses; a line it declines (and a last line
   * without a terminator) goes to {@code sink}, whole. Line numbers count both kinds.
   */
  static void forEach(InputStream in, LineParser parser, Sink sink) throws IOException {
    byte[] buf = new byte[1 << 20];
    int start = 0; // first byte of the current line
    int end = 0; // end of the valid bytes
    int scan = 0; // where the search for a terminator of a declined line resumes
    boolean declined = false; // the current line goes to the sink
    long lineNumber = 0;
    boolean skipLf = false; // the previous line ended with \r at the end of the buffer
    while (true) {
      if (skipLf && start < end) {
        if (buf[start] == '\n') start++;
        skipLf = false;
        scan = start;
      }
      int i = -1; // the current line's terminator, when known
      if (start < end && !skipLf) {
        if (!declined) {
          int r = parser.parse(buf, start, end, lineNumber + 1);
          if (r >= 0) {
            i = r;
            lineNumber++;
          } else if (r == LibsvmBytesParser.DECLINE) {
            declined = true;
            scan = start;
          }
        }
        if (declined) {
          int j = scan;
          while (j < end && buf[j] != '\n' && buf[j] != '\r') j++;
          if (j < end) {
            sink.line(buf, start, j, ++lineNumber);
            declined = false;
            i = j;
          } else {
            scan = j;
          }
        }
      }
      if (i >= 0) {
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
      // The line does not end in the buffer (or the buffer is empty): make room, fill it. Filled,
      // not read once: the parser starts the line again after every refill, so a stream that
      // returns a few bytes per read (gzip) must not make a long line cost its length squared.
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        scan -= start;
        start = 0;
      }
      if (end == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
      int filled = fill(in, buf, end);
      if (filled == end) { // the end of the stream
        if (end > start) sink.line(buf, start, end, ++lineNumber);
        return;
      }
      end = filled;
    }
  }

  /**
   * Reads into {@code buf} from {@code end} until it is full or the stream ends; returns the new end.
   * (Not {@code readNBytes}: some streams override it with a single read.)
   */
  private static int fill(InputStream in, byte[] buf, int end) throws IOException {
    while (end < buf.length) {
      int read = in.read(buf, end, buf.length - end);
      if (read < 0) break;
      end += read;
    }
    return end;
  }

  /** Calls {@code sink} for every line of {@code in}; the stream is not closed. */
  static void forEach(InputStream in, Sink sink) throws IOException {
    forEach(in, (b, from, end, lineNumber) -> LibsvmBytesParser.DECLINE, sink);
  }
}
