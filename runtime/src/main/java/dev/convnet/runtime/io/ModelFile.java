package dev.convnet.runtime.io;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Finite;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Saves and loads a network's trained parameters and its non-trainable buffers (batch-norm running statistics).
 *
 * <p>Format, all integers and floats big-endian (Java's {@code DataOutput} order):
 *
 * <pre>
 *   8 bytes   magic "CNVNET01" (ASCII)
 *   int32     format version (1 or 2)
 *   string    network name
 *   string    architecture fingerprint ({@link CompiledNetwork#fingerprint()})
 *   string    parameter layout ({@code ParameterLayout.describe()}, buffers included)
 *   int32     parameter count N
 *   N float32 the parameters, in layout order (IEEE 754)
 *   int32     buffer count B                              (version 2 only)
 *   B float32 the buffers, in layout order (IEEE 754)      (version 2 only)
 *   uint32    CRC32 of every byte before it
 * </pre>
 *
 * where a string is an int32 byte length followed by that many bytes of UTF-8. The checksum is always the last four
 * bytes, whatever the version. {@link #save} writes version 1 for a network without buffers (exactly what earlier
 * releases wrote, so their readers still read it) and version 2 for one with buffers; {@link #load} reads both, a
 * version 1 file holding no buffers.
 *
 * <p>{@link #save} writes a temporary file in the target's directory, forces it to disk and atomically renames it
 * over the target, so an interrupted save leaves the previous file intact. {@link #load} checks everything (magic,
 * version, structure, length fields against the real file size, checksum, architecture, parameter count, finite
 * values, buffer count) before it changes a single parameter or buffer.
 */
public final class ModelFile {
  static final byte[] MAGIC = "CNVNET01".getBytes(StandardCharsets.US_ASCII);
  /** The newest format version this class writes and reads (version 2: with buffers). */
  public static final int VERSION = 2;
  /** The oldest format version this class reads, and writes for a network without buffers (no buffer section). */
  public static final int VERSION_WITHOUT_BUFFERS = 1;
  private static final long MAX_FILE = Integer.MAX_VALUE - 8;

  private ModelFile() {}

  /**
   * Writes the network's parameters to {@code file}, replacing it atomically.
   *
   * @throws IllegalArgumentException if a parameter or buffer is NaN or infinite (a diverged model is not saved)
   * @throws IOException              if writing fails; the previous file, if any, is then unchanged
   */
  public static void save(CompiledNetwork net, Path file) throws IOException {
    save(net, file, WriteHook.NONE);
  }

  static void save(CompiledNetwork net, Path file, WriteHook hook) throws IOException {
    float[] values = net.parameters().data();
    int bad = Finite.firstNonFinite(values, values.length);
    if (bad >= 0) {
      throw new IllegalArgumentException("network " + net.name() + " has a non-finite " + Finite.describeIndex(
          net.layout(), bad) + " = " + values[bad] + "; refusing to save a diverged model to " + file);
    }
    float[] buffers = net.parameters().buffers();
    bad = Finite.firstNonFinite(buffers, buffers.length);
    if (bad >= 0) {
      throw new IllegalArgumentException("network " + net.name() + " has a non-finite " + Finite.describeBufferIndex(
          net.layout(), bad) + " = " + buffers[bad] + "; refusing to save a diverged model to " + file);
    }
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Path temp = createTemporary(directory, target.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        CRC32 crc = new CRC32();
        DataOutputStream body = new DataOutputStream(new CheckedOutputStream(new Hooked(buffered, hook), crc));
        writeBody(body, net, values, buffers);
        body.flush();
        new DataOutputStream(new Hooked(buffered, hook, body.size())).writeInt((int) crc.getValue());
        buffered.flush();
        channel.force(true);
      }
      hook.renaming(temp, target);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      syncDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * A new empty file next to the target. Unlike {@code Files.createTempFile} it gets the default permissions (the
   * umask's), which the saved model then keeps.
   */
  private static Path createTemporary(Path directory, String name) throws IOException {
    while (true) {
      Path temp = directory.resolve("." + name + "." + Long.toUnsignedString(
          ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // taken: try another name
      }
    }
  }

  /**
   * Loads parameters saved by {@link #save} into {@code net}. Nothing is changed unless the whole file is valid and
   * was saved from the same architecture.
   *
   * @throws ModelFileException if the file is not a model file, has an unsupported version, is truncated or
   *                            corrupt, was saved from a different architecture or holds a different number of
   *                            parameters or buffer values
   */
  public static void load(CompiledNetwork net, Path file) throws IOException {
    Contents c = read(file);
    ModelFileInfo info = c.info;
    if (!net.acceptsFingerprint(info.fingerprint())) {
      throw new ModelFileException(file, "was saved from a different architecture: the file holds network '"
          + info.network() + "' (fingerprint " + info.fingerprint() + "), this is network '" + net.name()
          + "' (fingerprint " + net.fingerprint() + ")");
    }
    float[] data = net.parameters().data();
    if (info.parameterCount() != data.length) {
      throw new ModelFileException(file, "holds " + info.parameterCount() + " parameters but network '"
          + net.name() + "' has " + data.length);
    }
    float[] buffers = net.parameters().buffers();
    if (info.bufferCount() != buffers.length) {
      throw new ModelFileException(file, "holds " + info.bufferCount() + " buffer values"
          + (info.version() == VERSION_WITHOUT_BUFFERS ? " (a version 1 file has no buffers)" : "")
          + " but network '" + net.name() + "' has " + buffers.length);
    }
    String layout = net.layout().describe();
    if (!info.layout().equals(layout)) {
      throw new ModelFileException(file, "parameter layout differs from network '" + net.name()
          + "' although the fingerprints match: " + firstDifference(info.layout(), layout));
    }
    int bad = Finite.firstNonFinite(c.values, c.values.length);
    if (bad >= 0) {
      throw new ModelFileException(file, "the " + Finite.describeIndex(net.layout(), bad) + " is " + c.values[bad]);
    }
    bad = Finite.firstNonFinite(c.buffers, c.buffers.length);
    if (bad >= 0) {
      throw new ModelFileException(file, "the " + Finite.describeBufferIndex(net.layout(), bad) + " is "
          + c.buffers[bad]);
    }
    System.arraycopy(c.values, 0, data, 0, data.length);
    System.arraycopy(c.buffers, 0, buffers, 0, buffers.length);
  }

  /**
   * Reads and validates a model file without a network.
   *
   * @throws ModelFileException if it is not a valid model file
   */
  public static ModelFileInfo inspect(Path file) throws IOException {
    return read(file).info;
  }

  private record Contents(ModelFileInfo info, float[] values, float[] buffers) {}

  private static Contents read(Path file) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw new ModelFileException(file, "is a directory, not a convnet model file");
    }
    if (size > MAX_FILE) {
      throw new ModelFileException(file, "is " + size + " bytes, too large to be a model file");
    }
    try (InputStream in = Files.newInputStream(file)) { // look at the magic before reading a large file whole
      byte[] head = in.readNBytes(MAGIC.length);
      if (head.length == 0) {
        throw new ModelFileException(file, "is empty (0 bytes), not a convnet model file");
      }
      checkMagic(file, head);
    }
    return parse(file, Files.readAllBytes(file));
  }

  private static Contents parse(Path file, byte[] bytes) throws ModelFileException {
    checkMagic(file, bytes);
    Cursor in = new Cursor(file, bytes);
    in.skip(MAGIC.length, "magic");
    int version = in.readInt("format version");
    if (version < VERSION_WITHOUT_BUFFERS || version > VERSION) {
      if (bytes.length >= MAGIC.length + 8 && checksumMatches(bytes)) {
        throw new ModelFileException(file, "unsupported model file version " + version + "; this reader supports "
            + "versions " + VERSION_WITHOUT_BUFFERS + " and " + VERSION);
      }
      throw new ModelFileException(file, "corrupt: format version field reads " + version
          + " and the checksum does not match");
    }
    String network = in.readString("network name");
    String fingerprint = in.readString("architecture fingerprint");
    String layout = in.readString("parameter layout");
    int count = in.readInt("parameter count");
    if (count < 0) {
      throw new ModelFileException(file, "corrupt: negative parameter count " + count);
    }
    ByteBuffer floats = in.slice(4L * count, "values of " + count + " parameters");
    int bufferCount = 0;
    ByteBuffer bufferFloats = ByteBuffer.allocate(0);
    if (version > VERSION_WITHOUT_BUFFERS) {
      bufferCount = in.readInt("buffer count");
      if (bufferCount < 0) {
        throw new ModelFileException(file, "corrupt: negative buffer count " + bufferCount);
      }
      bufferFloats = in.slice(4L * bufferCount, "values of " + bufferCount + " buffer entries");
    }
    int stored = in.readInt("checksum");
    if (in.remaining() > 0) {
      throw new ModelFileException(file, "corrupt: " + in.remaining() + " unexpected bytes after the checksum");
    }
    if (!checksumMatches(bytes)) {
      throw new ModelFileException(file, String.format(Locale.ROOT, "corrupt: checksum mismatch (stored %08x, computed %08x)",
          stored, (int) crc(bytes)));
    }
    float[] values = new float[count];
    floats.asFloatBuffer().get(values);
    float[] buffers = new float[bufferCount];
    bufferFloats.asFloatBuffer().get(buffers);
    return new Contents(new ModelFileInfo(version, network, fingerprint, layout, count, bufferCount), values,
        buffers);
  }

  /** Rejects a file whose first bytes are not (a prefix of) the magic; a short prefix is left to the parser. */
  private static void checkMagic(Path file, byte[] bytes) throws ModelFileException {
    int prefix = Math.min(bytes.length, MAGIC.length);
    if (!Arrays.equals(bytes, 0, prefix, MAGIC, 0, prefix)) {
      throw new ModelFileException(file, "not a convnet model file (it does not start with \"CNVNET01\")");
    }
  }

  private static void writeBody(DataOutputStream out, CompiledNetwork net, float[] values, float[] buffers)
      throws IOException {
    out.write(MAGIC);
    out.writeInt(buffers.length == 0 ? VERSION_WITHOUT_BUFFERS : VERSION);
    writeString(out, net.name());
    writeString(out, net.fingerprint());
    writeString(out, net.layout().describe());
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
    if (buffers.length > 0) {
      out.writeInt(buffers.length);
      for (float v : buffers) {
        out.writeFloat(v);
      }
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    return crc.getValue();
  }

  private static boolean checksumMatches(byte[] bytes) {
    int n = bytes.length;
    int stored = ((bytes[n - 4] & 0xFF) << 24) | ((bytes[n - 3] & 0xFF) << 16) | ((bytes[n - 2] & 0xFF) << 8)
        | (bytes[n - 1] & 0xFF);
    return stored == (int) crc(bytes);
  }

  private static String firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "(nothing)";
      String q = i < y.length ? y[i] : "(nothing)";
      if (!p.equals(q)) {
        return "file has '" + p + "' where the network has '" + q + "'";
      }
    }
    return "they differ";
  }

  /** Makes the rename durable where the platform allows syncing a directory (Linux, macOS); elsewhere a no-op. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Opening a directory is not supported on every platform (Windows); the file itself is already forced.
    }
  }

  /** Bounds-checked reading of a model file's bytes, with messages saying what was being read. */
  private static final class Cursor {
    private final Path file;
    private final ByteBuffer buffer;

    Cursor(Path file, byte[] bytes) {
      this.file = file;
      this.buffer = ByteBuffer.wrap(bytes);
    }

    int remaining() {
      return buffer.remaining();
    }

    void skip(int n, String what) throws ModelFileException {
      slice(n, what);
    }

    int readInt(String what) throws ModelFileException {
      return slice(4, what).getInt();
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
  }

  /** Counts bytes on their way out and tells the {@link WriteHook}. */
  private static final class Hooked extends FilterOutputStream {
    private final WriteHook hook;
    private long written;

    Hooked(OutputStream out, WriteHook hook) {
      this(out, hook, 0);
    }

    Hooked(OutputStream out, WriteHook hook, long alreadyWritten) {
      super(out);
      this.hook = hook;
      this.written = alreadyWritten;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      hook.written(++written);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      hook.written(written);
    }
  }
}
