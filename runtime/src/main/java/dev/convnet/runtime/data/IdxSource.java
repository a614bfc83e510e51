package dev.convnet.runtime.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The bytes of an IDX file, gunzipped when the file starts with the gzip magic {@code 1f 8b} (strictly: bytes
 * after the gzip data are an error, see {@link StrictGzipInputStream}). Every read is exact:
 * running out of data is an {@link IdxFormatException} saying how much was expected and how much there was, and a
 * body is only allocated in full when the file is known to hold it (otherwise the buffer grows as data arrives).
 */
final class IdxSource implements Closeable {
  private static final int FIRST_CHUNK = 1 << 20;

  private final Path file;
  private final InputStream in;
  private final boolean gzip;
  private final long fileSize;
  private long position;

  private IdxSource(Path file, InputStream in, boolean gzip, long fileSize) {
    this.file = file;
    this.in = in;
    this.gzip = gzip;
    this.fileSize = fileSize;
  }

  /**
   * Opens a file, detecting gzip.
   *
   * @param kind what the file should be, for messages (e.g. {@code "IDX image file"})
   */
  static IdxSource open(Path file, String kind) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new IdxFormatException(file, "no such file; expected an " + kind, e);
    }
    if (Files.isDirectory(file)) {
      throw new IdxFormatException(file, "is a directory; expected an " + kind);
    }
    if (size == 0) {
      throw new IdxFormatException(file, "is empty (0 bytes); expected an " + kind);
    }
    BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new IdxSource(file, new StrictGzipInputStream(buffered), true, size);
      }
      return new IdxSource(file, buffered, false, size);
    } catch (EOFException | ZipException e) {
      buffered.close();
      throw new IdxFormatException(file, "corrupt or truncated gzip header (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      buffered.close();
      throw e;
    }
  }

  Path file() {
    return file;
  }

  /** Reads a big-endian 32-bit integer; {@code what} names the field in messages. */
  int readInt(String what) throws IOException {
    byte[] b = new byte[4];
    readFully(b, 0, 4, what);
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  /**
   * Reads exactly {@code length} bytes of body.
   *
   * @throws IdxFormatException if the data ends early
   */
  byte[] readBody(long length, String what) throws IOException {
    if (length > Dataset.MAX_ARRAY) {
      throw new IdxFormatException(file, what + " of " + length + " bytes is larger than the largest array ("
          + Dataset.MAX_ARRAY + ")");
    }
    int n = (int) length;
    if (!gzip) {
      long available = fileSize - position;
      if (available < n) {
        throw truncated(what, n, available);
      }
      byte[] body = new byte[n];
      readFully(body, 0, n, what);
      return body;
    }
    // Compressed: the header's claim cannot be checked up front, so grow the buffer only as data actually arrives.
    byte[] body = new byte[Math.min(n, FIRST_CHUNK)];
    int filled = 0;
    while (filled < n) {
      if (filled == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(n, 2L * body.length));
      }
      int r = read(body, filled, body.length - filled, what, n, filled);
      if (r < 0) {
        throw truncated(what, n, filled);
      }
      filled += r;
    }
    return body;
  }

  /**
   * Checks that nothing follows the declared data (for gzip, this also verifies the gzip trailer's CRC).
   *
   * @throws IdxFormatException if there is more data
   */
  void expectEnd(String what) throws IOException {
    if (!gzip) {
      long extra = fileSize - position;
      if (extra != 0) {
        throw new IdxFormatException(file, extra + " unexpected bytes after the " + what
            + " (the header declares less data than the file holds; the file is corrupt or not what it seems)");
      }
      return;
    }
    byte[] probe = new byte[1 << 12];
    long extra = 0;
    int r;
    while ((r = read(probe, 0, probe.length, "end of the gzip data", 0, 0)) > 0) {
      extra += r;
    }
    if (extra != 0) {
      throw new IdxFormatException(file, "at least " + extra + " unexpected bytes after the " + what
          + " (the header declares less data than the file holds; the file is corrupt or not what it seems)");
    }
  }

  private void readFully(byte[] b, int off, int len, String what) throws IOException {
    int done = 0;
    while (done < len) {
      int r = read(b, off + done, len - done, what, len, done);
      if (r < 0) {
        throw truncated(what, len, done);
      }
      done += r;
    }
  }

  /** One read, turning gzip failures into messages about this file. */
  private int read(byte[] b, int off, int len, String what, long expected, long got) throws IOException {
    int r;
    try {
      r = in.read(b, off, len);
    } catch (EOFException e) {
      throw new IdxFormatException(file, "truncated gzip data while reading the " + what + " (" + e.getMessage()
          + (expected > 0 ? "; expected " + expected + " bytes, got " + got : "") + ")", e);
    } catch (ZipException e) {
      throw new IdxFormatException(file, "corrupt gzip data while reading the " + what + " (" + e.getMessage()
          + ")", e);
    }
    if (r > 0) {
      position += r;
    }
    return r;
  }

  private IdxFormatException truncated(String what, long expected, long got) {
    return new IdxFormatException(file, "truncated: the " + what + " needs " + expected + " bytes but only " + got
        + " remain" + (gzip ? " in the decompressed data" : " (file size " + fileSize + " bytes)"));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
