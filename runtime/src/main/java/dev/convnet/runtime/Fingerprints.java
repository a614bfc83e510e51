package dev.convnet.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The architecture fingerprint model files carry: a hash of a versioned, explicit description of the network (every
 * layer's {@link LayerSpec#canonical()} line, then every parameter tensor and buffer with its shape), never of how a
 * class happens to print itself. Version 2; version 1 hashed the compiler's model records and is kept by generated
 * classes as {@link CompiledNetwork#formerFingerprints()}.
 */
public final class Fingerprints {
  /** What the hash covers first, so that a later version can never collide with this one. */
  public static final String VERSION = "convnet-architecture v2";

  private Fingerprints() {}

  /**
   * The text that is hashed.
   *
   * @param architecture every layer's canonical description, in order
   * @param layout       the parameter and buffer layout
   * @return the version line, one line per layer, one per parameter tensor and buffer
   */
  public static String describe(List<LayerSpec> architecture, ParameterLayout layout) {
    StringBuilder b = new StringBuilder(VERSION).append('\n');
    for (LayerSpec spec : architecture) {
      b.append(spec.canonical()).append('\n');
    }
    for (ParamSlot s : layout.slots()) {
      b.append("param ").append(s.name()).append(' ').append(dims(s.shape())).append(" @").append(s.offset());
      if (s.connected() != null) {
        b.append(" connected ");
        for (boolean[] row : s.connected()) {
          for (boolean c : row) {
            b.append(c ? 'X' : '.');
          }
          b.append('/');
        }
      }
      b.append('\n');
    }
    for (BufferSlot s : layout.buffers()) {
      b.append("buffer ").append(s.name()).append(' ').append(dims(s.shape())).append(" @").append(s.offset())
          .append(" = ").append(Float.toString(s.initial())).append('\n');
    }
    return b.toString();
  }

  private static String dims(int[] shape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : "x").append(shape[i]);
    }
    return b.toString();
  }

  /**
   * The fingerprint of an architecture.
   *
   * @param architecture every layer's canonical description, in order
   * @param layout       the parameter and buffer layout
   * @return 32 hexadecimal digits: the first 128 bits of the SHA-256 of {@link #describe}
   */
  public static String of(List<LayerSpec> architecture, ParameterLayout layout) {
    return hash(describe(architecture, layout));
  }

  /**
   * A short hash of a text.
   *
   * @param text the text, hashed as UTF-8
   * @return the first 128 bits of its SHA-256, in hexadecimal
   */
  public static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
