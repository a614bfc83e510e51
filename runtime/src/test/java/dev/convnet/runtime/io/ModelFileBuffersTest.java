package dev.convnet.runtime.io;

import static dev.convnet.runtime.io.ModelFiles.PARAMETERS;
import static dev.convnet.runtime.io.ModelFiles.SHAPE;
import static dev.convnet.runtime.io.ModelFiles.assertNamesFileAndProblem;
import static dev.convnet.runtime.io.ModelFiles.assertRejected;
import static dev.convnet.runtime.io.ModelFiles.rewriteChecksum;
import static dev.convnet.runtime.io.ModelFiles.small;
import static dev.convnet.runtime.testing.Allocation.assertThrowsAllocatingAtMost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of networks with non-trainable buffers (format version 2): the buffers round-trip under the checksum, a
 * cut or damaged buffer section and a buffer count that does not match the network are rejected, and files without
 * buffers stay version 1.
 */
class ModelFileBuffersTest {
  /** Buffer values of {@link #withBuffers}: running mean and variance, 3 each. */
  private static final int BUFFERS = 6;

  @TempDir
  Path dir;

  /** {@link ModelFiles#small} with running statistics set from the seed, and the same fingerprint. */
  private static TinyNetwork withBuffers(long seed) {
    TinyNetwork net = new TinyNetwork("Small", SHAPE, 0, 3, small(seed).fingerprint(), true).initialize(seed);
    net.parameters().setBuffer("out.running_mean", new float[] {0.5f * seed, -1.25f, 3});
    net.parameters().setBuffer("out.running_var", new float[] {2, 0.125f * seed, 7});
    return net;
  }

  private Path saved(TinyNetwork net) throws IOException {
    Path file = dir.resolve("buffers.model");
    ModelFile.save(net, file);
    return file;
  }

  @Test
  void buffersRoundTripInAVersion2File() throws IOException {
    TinyNetwork a = withBuffers(1);
    Path file = saved(a);
    TinyNetwork b = withBuffers(2);
    assertFalse(Arrays.equals(a.parameters().buffers(), b.parameters().buffers()));
    ModelFile.load(b, file);
    assertArrayEquals(a.parameters().data(), b.parameters().data());
    assertArrayEquals(a.parameters().buffers(), b.parameters().buffers());
    assertArrayEquals(new float[] {2, 0.125f, 7}, b.parameters().getBuffer("out.running_var"));
    assertEquals(new ModelFileInfo(2, "Small", a.fingerprint(), a.layout().describe(), PARAMETERS, BUFFERS),
        ModelFile.inspect(file));
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer view = ByteBuffer.wrap(bytes);
    assertEquals(2, view.getInt(8));
    assertEquals(BUFFERS, view.getInt(bytes.length - 4 - 4 * BUFFERS - 4), "the buffer count precedes them");
    assertEquals(PARAMETERS, view.getInt(bytes.length - 4 - 4 * BUFFERS - 4 - 4 * PARAMETERS - 4));
    assertEquals(a.parameters().data()[PARAMETERS - 1], view.getFloat(bytes.length - 4 - 4 * BUFFERS - 4 - 4));
    assertEquals(0.5f, view.getFloat(bytes.length - 4 - 4 * BUFFERS), "buffers follow the parameters");
  }

  @Test
  void aNetworkWithoutBuffersStillWritesAndReadsVersion1() throws IOException {
    Path file = saved(small(1));
    assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(file)).getInt(8));
    assertEquals(0, ModelFile.inspect(file).bufferCount());
    TinyNetwork net = small(2);
    ModelFile.load(net, file);
    assertArrayEquals(small(1).parameters().data(), net.parameters().data());
  }

  @Test
  void aBufferCountThatDoesNotMatchTheNetworkIsRejected() throws IOException {
    String fingerprint = small(1).fingerprint();
    Path withBuffers = saved(withBuffers(1));
    TinyNetwork plain = new TinyNetwork("Small", SHAPE, 0, 3, fingerprint).initialize(3);
    float[] before = plain.parameters().data().clone();
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(plain, withBuffers));
    assertNamesFileAndProblem(e, withBuffers, "holds 6 buffer values but network 'Small' has 0");
    assertArrayEquals(before, plain.parameters().data());

    Path version1 = dir.resolve("v1.model");
    ModelFile.save(small(1), version1);
    TinyNetwork buffered = withBuffers(3);
    float[] buffers = buffered.parameters().buffers().clone();
    ModelFileException old = assertThrows(ModelFileException.class, () -> ModelFile.load(buffered, version1));
    assertNamesFileAndProblem(old, version1, "holds 0 buffer values (a version 1 file has no buffers) but network "
        + "'Small' has 6");
    assertArrayEquals(buffers, buffered.parameters().buffers());
  }

  @Test
  void aTruncatedBufferSectionIsRejected() throws IOException {
    byte[] valid = Files.readAllBytes(saved(withBuffers(1)));
    int countAt = valid.length - 4 - 4 * BUFFERS - 4;
    Path cut = dir.resolve("cut.model");
    for (int length = 1; length < valid.length; length++) {
      Files.write(cut, Arrays.copyOf(valid, length));
      ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.inspect(cut));
      assertNamesFileAndProblem(e, cut, "truncated or corrupt: the ", "(file size " + length + " bytes)");
      assertRejected(cut, withBuffers(2), "truncated or corrupt: the ");
    }
    Files.write(cut, Arrays.copyOf(valid, countAt + 2));
    assertRejected(cut, withBuffers(2), "the buffer count needs 4 bytes at offset " + countAt);
    Files.write(cut, Arrays.copyOf(valid, countAt + 4 + 4 * 3 + 1));
    assertRejected(cut, withBuffers(2), "the values of 6 buffer entries needs 24 bytes at offset " + (countAt + 4)
        + " but the file has only 13 more");
    // Dropping the last buffer value and fixing the count and checksum is consistent but does not fit the network.
    byte[] shorter = Arrays.copyOf(valid, valid.length - 4);
    ByteBuffer.wrap(shorter).putInt(countAt, BUFFERS - 1);
    rewriteChecksum(shorter);
    Path fewer = Files.write(dir.resolve("fewer.model"), shorter);
    assertEquals(BUFFERS - 1, ModelFile.inspect(fewer).bufferCount());
    assertRejected(fewer, withBuffers(2), "holds 5 buffer values but network 'Small' has 6");
  }

  @Test
  void everyBitFlipInAFileWithBuffersIsDetected() throws IOException {
    byte[] valid = Files.readAllBytes(saved(withBuffers(1)));
    Path flipped = dir.resolve("flipped.model");
    for (int i = 0; i < valid.length; i++) {
      for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF}) {
        byte[] bytes = valid.clone();
        bytes[i] ^= (byte) mask;
        Files.write(flipped, bytes);
        ModelFileException e = assertRejected(flipped, withBuffers(2));
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("not a convnet model file"),
            "byte " + i + " xor " + mask + ": " + e.getMessage());
      }
    }
  }

  @Test
  void absurdBufferCountsAreRejectedBeforeAllocating() throws IOException {
    byte[] valid = Files.readAllBytes(saved(withBuffers(1)));
    int countAt = valid.length - 4 - 4 * BUFFERS - 4;
    for (boolean consistent : new boolean[] {true, false}) {
      for (int count : new int[] {Integer.MAX_VALUE, 1 << 30, -1}) {
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).putInt(countAt, count);
        if (consistent) {
          rewriteChecksum(bytes);
        }
        Path absurd = Files.write(dir.resolve("absurd.model"), bytes);
        TinyNetwork net = withBuffers(2);
        ModelFileException e = assertThrowsAllocatingAtMost(1L << 20, ModelFileException.class,
            () -> ModelFile.load(net, absurd));
        assertNamesFileAndProblem(e, absurd, count < 0 ? "negative buffer count -1"
            : "values of " + count + " buffer entries needs " + 4L * count + " bytes");
        assertArrayEquals(withBuffers(2).parameters().buffers(), net.parameters().buffers());
      }
    }
  }

  @Test
  void nonFiniteBuffersAreNeitherSavedNorLoaded() throws IOException {
    TinyNetwork net = withBuffers(1);
    net.parameters().buffers()[4] = Float.POSITIVE_INFINITY;
    Path file = dir.resolve("inf.model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(net, file));
    assertTrue(e.getMessage().contains("buffer 'out.running_var' [3] of layer 'out' (value 1 of 3)"),
        e.getMessage());
    assertFalse(Files.exists(file));

    byte[] bytes = Files.readAllBytes(saved(withBuffers(1)));
    ByteBuffer.wrap(bytes).putFloat(bytes.length - 4 - 4 * 2, Float.NaN); // buffer value 4
    rewriteChecksum(bytes);
    Path nan = Files.write(dir.resolve("nan.model"), bytes);
    assertRejected(nan, withBuffers(2), "the buffer 'out.running_var' [3] of layer 'out' (value 1 of 3) is NaN");
  }
}
