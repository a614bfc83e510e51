package dev.convnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.testing.TinyNetwork;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** A small network to save, and checks and edits of model files, for the model file tests. */
final class ModelFiles {
  static final Shape SHAPE = Shape.map(1, 2, 2);
  /** Parameters of {@link #small}: a 4 → 3 dense layer. */
  static final int PARAMETERS = 15;

  private ModelFiles() {}

  /** A linear 4 → 3 classifier named "Small", initialized from {@code seed}. */
  static TinyNetwork small(long seed) {
    return new TinyNetwork("Small", SHAPE, 0, 3).initialize(seed);
  }

  /**
   * Asserts that loading {@code file} into {@code net} fails with a message naming the file and containing every
   * fragment, and leaves the network's parameters unchanged.
   */
  static ModelFileException assertRejected(Path file, TinyNetwork net, String... fragments) {
    float[] before = net.parameters().data().clone();
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(net, file));
    assertNamesFileAndProblem(e, file, fragments);
    assertArrayEquals(before, net.parameters().data(), "a rejected file changed the parameters");
    return e;
  }

  static void assertNamesFileAndProblem(ModelFileException e, Path file, String... fragments) {
    assertTrue(e.getMessage().startsWith(file + ": "), "message does not name the file: " + e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
    }
  }

  /** Recomputes the trailing CRC32, to build files that are consistent but wrong in one field. */
  static void rewriteChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
  }
}
