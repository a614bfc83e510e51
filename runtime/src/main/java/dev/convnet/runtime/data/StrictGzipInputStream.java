package dev.convnet.runtime.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952), member after member. Unlike {@link java.util.zip.GZIPInputStream}, which
 * silently stops at bytes after a member that do not form another member, anything after the last member is a
 * {@link ZipException}; each member's CRC32 and size are checked. Running out of data is an {@link EOFException}.
 */
final class StrictGzipInputStream extends InputStream {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xE0;

  private final PushbackInputStream in;
  private final byte[] input = new byte[1 << 16];
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private int inputLength;
  private boolean end;

  /** Reads the first member's header. */
  StrictGzipInputStream(InputStream in) throws IOException {
    this.in = new PushbackInputStream(in, input.length);
    readHeader();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!end) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("invalid deflate data (" + e.getMessage() + ")");
      }
      if (n > 0) {
        crc.update(b, off, n);
        return n;
      }
      if (inflater.finished()) {
        finishMember();
      } else if (inflater.needsDictionary()) {
        throw new ZipException("invalid deflate data (it asks for a preset dictionary)");
      } else if (inflater.needsInput()) {
        inputLength = in.read(input);
        if (inputLength < 0) {
          throw new EOFException("the gzip data ends inside the compressed data");
        }
        inflater.setInput(input, 0, inputLength);
      }
    }
    return -1;
  }

  /** Checks the trailer of the member just inflated and starts the next member, if any. */
  private void finishMember() throws IOException {
    int unused = inflater.getRemaining();
    in.unread(input, inputLength - unused, unused);
    long storedCrc = readLittleEndian(4, null);
    long storedSize = readLittleEndian(4, null);
    if (storedCrc != crc.getValue()) {
      throw new ZipException(String.format(Locale.ROOT, "CRC32 mismatch: the trailer says %08x, the data has %08x", storedCrc,
          crc.getValue()));
    }
    if (storedSize != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
      throw new ZipException("size mismatch: the trailer says " + storedSize + " bytes (mod 2^32), the data has "
          + inflater.getBytesWritten());
    }
    int next = in.read();
    if (next < 0) {
      end = true;
      return;
    }
    in.unread(next);
    inflater.reset();
    crc.reset();
    readHeader();
  }

  private void readHeader() throws IOException {
    CRC32 headerCrc = new CRC32();
    if (readByte(headerCrc) != 0x1f || readByte(headerCrc) != 0x8b) {
      throw new ZipException("unexpected bytes after the gzip data (they do not start another gzip member)");
    }
    int method = readByte(headerCrc);
    if (method != 8) {
      throw new ZipException("unsupported gzip compression method " + method);
    }
    int flags = readByte(headerCrc);
    if ((flags & RESERVED) != 0) {
      throw new ZipException("reserved gzip header flags set (0x" + Integer.toHexString(flags) + ")");
    }
    skip(6, headerCrc); // modification time, extra flags, operating system
    if ((flags & FEXTRA) != 0) {
      skip(readLittleEndian(2, headerCrc), headerCrc);
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated(headerCrc);
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated(headerCrc);
    }
    if ((flags & FHCRC) != 0) {
      long expected = headerCrc.getValue() & 0xFFFF;
      if (readLittleEndian(2, null) != expected) {
        throw new ZipException("gzip header CRC mismatch");
      }
    }
  }

  private void skip(long n, CRC32 headerCrc) throws IOException {
    for (long i = 0; i < n; i++) {
      readByte(headerCrc);
    }
  }

  private void skipZeroTerminated(CRC32 headerCrc) throws IOException {
    while (readByte(headerCrc) != 0) {
      // skip
    }
  }

  private long readLittleEndian(int bytes, CRC32 headerCrc) throws IOException {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value |= (long) readByte(headerCrc) << (8 * i);
    }
    return value;
  }

  /** One byte of header or trailer, added to {@code headerCrc} unless it is null. */
  private int readByte(CRC32 headerCrc) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the gzip data ends inside a gzip header or trailer");
    }
    if (headerCrc != null) {
      headerCrc.update(b);
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
