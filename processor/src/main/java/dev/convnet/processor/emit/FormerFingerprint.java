package dev.convnet.processor.emit;

import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Version 1 of the architecture fingerprint, frozen: per layer its name, its model record as that version printed it
 * ({@code LayerKind.formerDescription}), its inputs and its output shape. Generated classes list it among their
 * former fingerprints, so that model files saved before version 2 still load.
 */
final class FormerFingerprint {
  private FormerFingerprint() {}

  static String of(CheckedNetwork net) {
    StringBuilder b = new StringBuilder();
    for (LayerNode node : net.order()) {
      b.append(node.name()).append('|').append(LayerKinds.of(node.layer()).formerDescription(node.layer()))
          .append('|').append(node.inputs()).append('|').append(shape(net.shape(node.name()))).append('\n');
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** How version 1 printed a shape. */
  private static String shape(Shape s) {
    return s.vector() ? "vector of " + s.channels() : s.channels() + "×" + s.height() + "×" + s.width();
  }
}
