package dev.convnet.runtime.io;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Finite;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A network's identity (name, architecture fingerprint, parameter layout), parameters and buffers: the part that
 * model files and checkpoints share, with its writer, reader and the checks made before loading it into a network.
 */
record NetworkSection(String network, String fingerprint, String layout, float[] values, float[] buffers) {
  /**
   * The network's current values (not copied: write them before training goes on).
   *
   * @param target where they are to be saved, for the message about a diverged model
   * @throws IllegalArgumentException if a parameter or buffer is NaN or infinite (a diverged model is not saved)
   */
  static NetworkSection of(CompiledNetwork net, Object target) {
    float[] values = net.parameters().data();
    int bad = Finite.firstNonFinite(values, values.length);
    if (bad >= 0) {
      throw new IllegalArgumentException("network " + net.name() + " has a non-finite " + Finite.describeIndex(
          net.layout(), bad) + " = " + values[bad] + "; refusing to save a diverged model to " + target);
    }
    float[] buffers = net.parameters().buffers();
    bad = Finite.firstNonFinite(buffers, buffers.length);
    if (bad >= 0) {
      throw new IllegalArgumentException("network " + net.name() + " has a non-finite " + Finite.describeBufferIndex(
          net.layout(), bad) + " = " + buffers[bad] + "; refusing to save a diverged model to " + target);
    }
    return new NetworkSection(net.name(), net.fingerprint(), net.layout().describe(), values, buffers);
  }

  /** Writes the section; the buffer count and buffers only if {@code withBuffers}. */
  void write(DataOutputStream out, boolean withBuffers) throws IOException {
    ByteCursor.writeString(out, network);
    ByteCursor.writeString(out, fingerprint);
    ByteCursor.writeString(out, layout);
    ByteCursor.writeFloats(out, values);
    if (withBuffers) {
      ByteCursor.writeFloats(out, buffers);
    }
  }

  /** Reads what {@link #write} wrote. */
  static NetworkSection read(ByteCursor in, boolean withBuffers) throws ModelFileException {
    String network = in.readString("network name");
    String fingerprint = in.readString("architecture fingerprint");
    String layout = in.readString("parameter layout");
    float[] values = in.readFloats("parameter", "parameters");
    float[] buffers = withBuffers ? in.readFloats("buffer", "buffer entries") : new float[0];
    return new NetworkSection(network, fingerprint, layout, values, buffers);
  }

  /**
   * Checks that this section can be loaded into {@code net}: same architecture, parameter and buffer counts and
   * layout, every value finite.
   *
   * @param buffersNote added to a buffer-count mismatch message (why the file may have none), or ""
   * @throws ModelFileException naming {@code file} and the first problem
   */
  void checkFits(CompiledNetwork net, Path file, String buffersNote) throws ModelFileException {
    if (!fingerprint.equals(net.fingerprint())) {
      throw new ModelFileException(file, "was saved from a different architecture: the file holds network '"
          + network + "' (fingerprint " + fingerprint + "), this is network '" + net.name()
          + "' (fingerprint " + net.fingerprint() + ")");
    }
    float[] data = net.parameters().data();
    if (values.length != data.length) {
      throw new ModelFileException(file, "holds " + values.length + " parameters but network '"
          + net.name() + "' has " + data.length);
    }
    if (buffers.length != net.parameters().buffers().length) {
      throw new ModelFileException(file, "holds " + buffers.length + " buffer values" + buffersNote
          + " but network '" + net.name() + "' has " + net.parameters().buffers().length);
    }
    String expected = net.layout().describe();
    if (!layout.equals(expected)) {
      throw new ModelFileException(file, "parameter layout differs from network '" + net.name()
          + "' although the fingerprints match: " + firstDifference(layout, expected));
    }
    int bad = Finite.firstNonFinite(values, values.length);
    if (bad >= 0) {
      throw new ModelFileException(file, "the " + Finite.describeIndex(net.layout(), bad) + " is " + values[bad]);
    }
    bad = Finite.firstNonFinite(buffers, buffers.length);
    if (bad >= 0) {
      throw new ModelFileException(file, "the " + Finite.describeBufferIndex(net.layout(), bad) + " is "
          + buffers[bad]);
    }
  }

  /** Copies the values and buffers into the network (after {@link #checkFits}). */
  void copyInto(CompiledNetwork net) {
    System.arraycopy(values, 0, net.parameters().data(), 0, values.length);
    System.arraycopy(buffers, 0, net.parameters().buffers(), 0, buffers.length);
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
}
