package dev.convnet.runtime.io;

import static dev.convnet.runtime.io.ModelFiles.SHAPE;
import static dev.convnet.runtime.io.ModelFiles.assertRejected;
import static dev.convnet.runtime.io.ModelFiles.rewriteChecksum;
import static dev.convnet.runtime.io.ModelFiles.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir
  Path dir;

  private Path saved(TinyNetwork net) throws IOException {
    Path file = dir.resolve("small.model");
    ModelFile.save(net, file);
    return file;
  }

  @Test
  void roundTrip() throws IOException {
    TinyNetwork a = small(1);
    Path file = saved(a);
    TinyNetwork b = small(2);
    assertFalse(Arrays.equals(a.parameters().data(), b.parameters().data()));
    ModelFile.load(b, file);
    assertArrayEquals(a.parameters().data(), b.parameters().data());
    ModelFileInfo info = ModelFile.inspect(file);
    assertEquals(new ModelFileInfo(1, "Small", a.fingerprint(), a.layout().describe(), 15), info);
    byte[] bytes = Files.readAllBytes(file);
    assertEquals("CNVNET01", new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(15, ByteBuffer.wrap(bytes).getInt(bytes.length - 4 - 4 * 15 - 4), "the count precedes the floats");
    assertEquals(a.parameters().data()[0], ByteBuffer.wrap(bytes).getFloat(bytes.length - 4 - 4 * 15),
        "floats are big-endian");
  }

  @Test
  void aFileFromAnotherArchitectureIsRejectedNamingBothNetworks() throws IOException {
    Path file = saved(small(1));
    TinyNetwork other = new TinyNetwork("Wider", SHAPE, 5, 3).initialize(1);
    assertRejected(file, other, "different architecture", "'Small'", "'Wider'", small(1).fingerprint(),
        other.fingerprint());
  }

  @Test
  void parameterCountAndLayoutMismatchesAreCaughtEvenWithAMatchingFingerprint() throws IOException {
    Path file = saved(small(1));
    String fingerprint = small(1).fingerprint();
    TinyNetwork bigger = new TinyNetwork("Small", SHAPE, 2, 3, fingerprint).initialize(1);
    assertRejected(file, bigger, "holds 15 parameters but network 'Small' has " + bigger.layout().size());
    TinyNetwork reshaped = new TinyNetwork("Small", Shape.vector(2), 0, 5, fingerprint).initialize(1);
    assertEquals(15, reshaped.layout().size());
    assertRejected(file, reshaped, "parameter layout differs", "file has 'out.weight[3, 4] @0' where the network"
        + " has 'out.weight[5, 2] @0'");
    // The input's shape is not part of the layout: a 4-vector input has the same parameters as a 1×2×2 one.
    TinyNetwork sameLayout = new TinyNetwork("Small", Shape.vector(4), 0, 3, fingerprint).initialize(1);
    ModelFile.load(sameLayout, file);
    assertArrayEquals(small(1).parameters().data(), sameLayout.parameters().data());
  }

  @Test
  void notAModelFileEmptyAndUnsupportedVersion() throws IOException {
    TinyNetwork net = small(3);
    Path png = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    assertRejected(png, net, "not a convnet model file");
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    assertRejected(empty, net, "empty");
    byte[] bytes = Files.readAllBytes(saved(small(1)));
    ByteBuffer.wrap(bytes).putInt(8, 4);
    rewriteChecksum(bytes);
    Path v4 = Files.write(dir.resolve("v4.model"), bytes);
    assertRejected(v4, net, "unsupported model file version 4", "supports versions 1 to 3");
    ModelFileException missing = assertThrows(ModelFileException.class,
        () -> ModelFile.load(net, dir.resolve("missing.model")));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
  }

  @Test
  void aDivergedModelIsNotSaved() {
    TinyNetwork net = small(1);
    net.parameters().data()[13] = Float.NaN;
    Path file = dir.resolve("nan.model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(net, file));
    assertTrue(e.getMessage().contains("parameter 'out.bias' [3] of layer 'out' (value 1 of 3)"), e.getMessage());
    assertFalse(Files.exists(file));
  }
}
