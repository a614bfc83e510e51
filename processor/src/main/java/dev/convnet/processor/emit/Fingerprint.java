package dev.convnet.processor.emit;

import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.LayerNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable hash of a network's architecture: every layer's kind, options, inputs and output shape, in order. */
final class Fingerprint {
  private Fingerprint() {}

  static String of(CheckedNetwork net) {
    StringBuilder b = new StringBuilder();
    for (LayerNode node : net.order()) {
      b.append(node.name()).append('|').append(node.layer()).append('|').append(node.inputs()).append('|')
          .append(net.shape(node.name())).append('\n');
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
