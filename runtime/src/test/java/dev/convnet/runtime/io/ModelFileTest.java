package dev.convnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static final Shape SHAPE = Shape.map(1, 2, 2);

  @TempDir
  Path dir;

  private static TinyNetwork small(long seed) {
    return new TinyNetwork("Small", SHAPE, 0, 3).initialize(seed);
  }

  private Path saved(TinyNetwork net) throws IOException {
    Path file = dir.resolve("small.model");
    ModelFile.save(net, file);
    return file;
  }

  private static ModelFileException assertRejected(Path file, TinyNetwork net, String... fragments) {
    float[] before = net.parameters().data().clone();
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(net, file));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
    }
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertArrayEquals(before, net.parameters().data(), "a rejected file changed the parameters");
    return e;
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
    ByteBuffer.wrap(bytes).putInt(8, 2);
    rewriteChecksum(bytes);
    Path v2 = Files.write(dir.resolve("v2.model"), bytes);
    assertRejected(v2, net, "unsupported model file version 2", "supports version 1");
    ModelFileException missing = assertThrows(ModelFileException.class,
        () -> ModelFile.load(net, dir.resolve("missing.model")));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
  }

  @Test
  void absurdLengthFieldsDoNotAllocate() throws IOException {
    TinyNetwork net = small(3);
    byte[] bytes = Files.readAllBytes(saved(small(1)));
    byte[] hugeName = bytes.clone();
    ByteBuffer.wrap(hugeName).putInt(12, Integer.MAX_VALUE);
    rewriteChecksum(hugeName);
    assertRejected(Files.write(dir.resolve("a"), hugeName), net, "network name needs 2147483647 bytes");
    byte[] negative = bytes.clone();
    ByteBuffer.wrap(negative).putInt(12, -7);
    rewriteChecksum(negative);
    assertRejected(Files.write(dir.resolve("b"), negative), net, "negative length -7");
    byte[] hugeCount = bytes.clone();
    ByteBuffer.wrap(hugeCount).putInt(bytes.length - 4 - 4 * 15 - 4, 1 << 30);
    rewriteChecksum(hugeCount);
    assertRejected(Files.write(dir.resolve("c"), hugeCount), net, "values of 1073741824 parameters needs "
        + (4L << 30) + " bytes");
  }

  @Test
  void truncationAtEveryOffsetIsDetected() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(small(1)));
    TinyNetwork net = small(3);
    Path cut = dir.resolve("cut.model");
    for (int length = 0; length < bytes.length; length++) {
      Files.write(cut, Arrays.copyOf(bytes, length));
      try {
        ModelFile.load(net, cut);
        fail("a model file cut to " + length + " of " + bytes.length + " bytes was loaded");
      } catch (ModelFileException expected) {
        assertTrue(expected.getMessage().contains(cut.toString()));
      }
    }
    assertArrayEquals(small(3).parameters().data(), net.parameters().data());
    Files.write(cut, Arrays.copyOf(bytes, bytes.length + 1));
    assertRejected(cut, net, "1 unexpected bytes after the checksum");
  }

  @Test
  void everySingleByteChangeIsDetected() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(small(1)));
    TinyNetwork net = small(3);
    Path flipped = dir.resolve("flipped.model");
    int checksumErrors = 0;
    for (int i = 0; i < bytes.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] copy = bytes.clone();
        copy[i] ^= (byte) mask;
        Files.write(flipped, copy);
        try {
          ModelFile.load(net, flipped);
          fail("byte " + i + " xor " + mask + " was not detected");
        } catch (ModelFileException expected) {
          if (expected.getMessage().contains("checksum mismatch")) {
            checksumErrors++;
          }
        }
      }
    }
    assertArrayEquals(small(3).parameters().data(), net.parameters().data());
    assertTrue(checksumErrors > bytes.length, "most flips should be reported as checksum errors: " + checksumErrors);
  }

  @Test
  void anInterruptedSaveLeavesThePreviousFileIntact() throws IOException {
    TinyNetwork first = small(1);
    Path file = saved(first);
    byte[] original = Files.readAllBytes(file);
    TinyNetwork second = small(2);
    for (long failAt : new long[] {1, 8, 30, original.length / 2, original.length - 5, original.length}) {
      IOException e = assertThrows(IOException.class, () -> ModelFile.save(second, file, written -> {
        if (written >= failAt) {
          throw new IOException("simulated disk failure after " + written + " bytes");
        }
      }));
      assertTrue(e.getMessage().startsWith("simulated"), e.getMessage());
      assertArrayEquals(original, Files.readAllBytes(file), "fail at " + failAt);
      TinyNetwork check = small(5);
      ModelFile.load(check, file);
      assertArrayEquals(first.parameters().data(), check.parameters().data());
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(file), files.toList(), "temporary files left behind");
      }
    }
    ModelFile.save(second, file);
    TinyNetwork check = small(5);
    ModelFile.load(check, file);
    assertArrayEquals(second.parameters().data(), check.parameters().data());
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

  /** Recomputes the trailing CRC32, to build files that are consistent but wrong in one field. */
  private static void rewriteChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
  }
}
