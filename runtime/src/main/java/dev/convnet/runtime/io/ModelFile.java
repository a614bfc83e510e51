package dev.convnet.runtime.io;

import dev.convnet.runtime.CompiledNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
 * <p>{@link #save} writes through {@link AtomicFile}: a temporary file in the target's directory, forced to disk and
 * atomically renamed over the target, so an interrupted save leaves the previous file intact. {@link #load} checks
 * everything (magic, version, structure, length fields against the real file size, checksum, architecture,
 * parameter count, finite values, buffer count) before it changes a single parameter or buffer.
 */
public final class ModelFile {
  static final byte[] MAGIC = "CNVNET01".getBytes(StandardCharsets.US_ASCII);
  /** The newest format version this class writes and reads (version 2: with buffers). */
  public static final int VERSION = 2;
  /** The oldest format version this class reads, and writes for a network without buffers (no buffer section). */
  public static final int VERSION_WITHOUT_BUFFERS = 1;
  private static final String KIND = "convnet model file";

  private ModelFile() {}

  /**
   * Writes the network's parameters to {@code file}, replacing it atomically.
   *
   * @param net  the network to save
   * @param file the model file to write
   * @throws IllegalArgumentException if a parameter or buffer is NaN or infinite (a diverged model is not saved)
   * @throws IOException              if writing fails; the previous file, if any, is then unchanged
   */
  public static void save(CompiledNetwork net, Path file) throws IOException {
    save(net, file, WriteHook.NONE);
  }

  static void save(CompiledNetwork net, Path file, WriteHook hook) throws IOException {
    NetworkSection section = NetworkSection.of(net, file);
    boolean withBuffers = section.buffers().length > 0;
    AtomicFile.write(file, out -> {
      out.write(MAGIC);
      out.writeInt(withBuffers ? VERSION : VERSION_WITHOUT_BUFFERS);
      section.write(out, withBuffers);
    }, true, hook);
  }

  /**
   * Loads parameters saved by {@link #save} into {@code net}. Nothing is changed unless the whole file is valid and
   * was saved from the same architecture.
   *
   * @param net  the network whose parameters and buffers are replaced
   * @param file the model file to read
   * @throws ModelFileException if the file is not a model file, has an unsupported version, is truncated or
   *                            corrupt, was saved from a different architecture or holds a different number of
   *                            parameters or buffer values
   * @throws IOException        if the file cannot be read
   */
  public static void load(CompiledNetwork net, Path file) throws IOException {
    Contents c = read(file);
    c.section.checkFits(net, file, c.info.version() == VERSION_WITHOUT_BUFFERS
        ? " (a version 1 file has no buffers)" : "");
    c.section.copyInto(net);
  }

  /**
   * Reads and validates a model file without a network.
   *
   * @param file the model file to read
   * @return its header
   * @throws ModelFileException if it is not a valid model file
   * @throws IOException        if the file cannot be read
   */
  public static ModelFileInfo inspect(Path file) throws IOException {
    return read(file).info;
  }

  private record Contents(ModelFileInfo info, NetworkSection section) {}

  private static Contents read(Path file) throws IOException {
    ByteCursor in = ByteCursor.open(file, MAGIC, KIND);
    int version = in.readVersion(VERSION_WITHOUT_BUFFERS, VERSION, "model file");
    NetworkSection section = NetworkSection.read(in, version > VERSION_WITHOUT_BUFFERS);
    in.finish();
    return new Contents(new ModelFileInfo(version, section.network(), section.fingerprint(), section.layout(),
        section.values().length, section.buffers().length), section);
  }
}
