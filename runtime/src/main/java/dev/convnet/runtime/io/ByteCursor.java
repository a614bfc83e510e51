package dev.convnet.runtime.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Bounds-checked reading of a checksummed file's bytes (model files, checkpoints), with messages saying what was
 * being read; and the matching writers of strings and arrays.
 */
final class ByteCursor {
  private static final long MAX_FILE = Integer.MAX_VALUE - 8;

  private final Path file;
  private final ByteBuffer buffer;

  private ByteCursor(Path file, byte[] bytes) {
    this.file = file;
    this.buffer = ByteBuffer.wrap(bytes);
  }

  /**
   * Reads a whole file that must start with {@code magic} (a file of another kind is rejected before it is read
   * whole) and end with the CRC32 of every byte before it; the cursor starts after the magic.
   *
   * @param kind what such a file is called in messages ("convnet model file"); the words after the first name it
   *             in short ("model file")
   */
  static ByteCursor open(Path file, byte[] magic, String kind) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw new ModelFileException(file, "is a directory, not a " + kind);
    }
    if (size > MAX_FILE) {
      throw new ModelFileException(file, "is " + size + " bytes, too large to be a "
          + kind.substring(kind.indexOf(' ') + 1));
    }
    try (InputStream in = Files.newInputStream(file)) { // look at the magic before reading a large file whole
      byte[] head = in.readNBytes(magic.length);
      if (head.length == 0) {
        throw new ModelFileException(file, "is empty (0 bytes), not a " + kind);
      }
      checkMagic(file, head, magic, kind);
    }
    byte[] bytes = Files.readAllBytes(file);
    checkMagic(file, bytes, magic, kind);
    ByteCursor in = new ByteCursor(file, bytes);
    in.slice(magic.length, "magic");
    return in;
  }

  /** Rejects a file whose first bytes are not (a prefix of) the magic; a short prefix is left to the parser. */
  private static void checkMagic(Path file, byte[] bytes, byte[] magic, String kind) throws ModelFileException {
    int prefix = Math.min(bytes.length, magic.length);
    if (!Arrays.equals(bytes, 0, prefix, magic, 0, prefix)) {
      throw new ModelFileException(file, "not a " + kind + " (it does not start with \""
          + new String(magic, StandardCharsets.US_ASCII) + "\")");
    }
  }

  Path file() {
    return file;
  }

  /** Whether the whole file (at least magic, a version and a checksum long) ends with a matching checksum. */
  boolean checksumMatches() {
    byte[] bytes = buffer.array();
    return bytes.length >= 16 && buffer.getInt(bytes.length - 4) == (int) crc(bytes);
  }

  /**
   * Reads the trailing checksum, checks that nothing follows it and that it matches every byte before it.
   *
   * @throws ModelFileException for bytes after the checksum or a mismatch
   */
  void finish() throws ModelFileException {
    int stored = readInt("checksum");
    if (buffer.remaining() > 0) {
      throw new ModelFileException(file, "corrupt: " + buffer.remaining() + " unexpected bytes after the checksum");
    }
    if (!checksumMatches()) {
      throw new ModelFileException(file, String.format(Locale.ROOT,
          "corrupt: checksum mismatch (stored %08x, computed %08x)", stored, (int) crc(buffer.array())));
    }
  }

  /**
   * Reads the format version and checks it is in {@code [oldest, newest]}: a version outside with a matching checksum
   * is a newer file (unsupported), else the file is corrupt.
   */
  int readVersion(int oldest, int newest, String kind) throws ModelFileException {
    int version = readInt("format version");
    if (version < oldest || version > newest) {
      if (checksumMatches()) {
        throw new ModelFileException(file, "unsupported " + kind + " version " + version + "; this reader supports "
            + (oldest == newest ? "version " + oldest
            : "versions " + oldest + (newest == oldest + 1 ? " and " : " to ") + newest));
      }
      throw new ModelFileException(file, "corrupt: format version field reads " + version
          + " and the checksum does not match");
    }
    return version;
  }

  int readInt(String what) throws ModelFileException {
    return slice(4, what).getInt();
  }

  long readLong(String what) throws ModelFileException {
    return slice(8, what).getLong();
  }

  double readDouble(String what) throws ModelFileException {
    return slice(8, what).getDouble();
  }

  /** A count field, which must be >= 0. */
  int readCount(String what) throws ModelFileException {
    int n = readInt(what);
    if (n < 0) {
      throw new ModelFileException(file, "corrupt: negative " + what + " " + n);
    }
    return n;
  }

  String readString(String what) throws ModelFileException {
    int length = readInt("length of the " + what);
    if (length < 0) {
      throw new ModelFileException(file, "corrupt: negative length " + length + " of the " + what);
    }
    ByteBuffer b = slice(length, what);
    byte[] bytes = new byte[length];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A count and that many floats: {@code noun} names the count ("parameter"), {@code plural} the values. */
  float[] readFloats(String noun, String plural) throws ModelFileException {
    int n = readCount(noun + " count");
    FloatBuffer floats = slice(4L * n, "values of " + n + " " + plural).asFloatBuffer();
    float[] values = new float[n];
    floats.get(values);
    return values;
  }

  /** A count and that many ints. */
  int[] readInts(String what) throws ModelFileException {
    int n = readCount(what + " count");
    IntBuffer ints = slice(4L * n, n + " " + what).asIntBuffer();
    int[] values = new int[n];
    ints.get(values);
    return values;
  }

  /** The next {@code n} bytes, checked against what the file holds before anything is allocated. */
  ByteBuffer slice(long n, String what) throws ModelFileException {
    if (n > buffer.remaining()) {
      throw new ModelFileException(file, "truncated or corrupt: the " + what + " needs " + n + " bytes at offset "
          + buffer.position() + " but the file has only " + buffer.remaining() + " more (file size "
          + buffer.limit() + " bytes)");
    }
    ByteBuffer s = buffer.slice().limit((int) n);
    buffer.position(buffer.position() + (int) n);
    return s;
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** The count and the values, as {@link #readFloats} reads them. */
  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  /** The count and the values, as {@link #readInts} reads them. */
  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    return crc.getValue();
  }
}
