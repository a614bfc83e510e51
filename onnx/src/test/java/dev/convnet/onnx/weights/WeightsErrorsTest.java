package dev.convnet.onnx.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.onnx.Nets;
import dev.convnet.onnx.testnets.LeNet5FullNet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files that do not fit: clear errors naming the tensor, both shapes and the closest name. */
class WeightsErrorsTest {
  @TempDir
  Path dir;

  @Test
  void saveAndLoadKeepEveryValue() throws IOException {
    SmallResNetNet a = Nets.randomized(new SmallResNetNet(), 1);
    Path file = dir.resolve("a.safetensors");
    Weights.save(a, file, NameMap.SAME);
    SmallResNetNet b = new SmallResNetNet();
    Weights.load(b, file, NameMap.SAME);
    assertArrayEquals(a.parameters().data(), b.parameters().data());
    assertArrayEquals(a.parameters().buffers(), b.parameters().buffers());
    assertEquals("SmallResNet", Safetensors.read(file).metadata().get(Weights.NETWORK_KEY));
  }

  @Test
  void weightsOfAnotherNetwork() throws IOException {
    Path file = dir.resolve("resnet.safetensors");
    Weights.save(new SmallResNetNet(), file, NameMap.SAME);
    LeNet5Net lenet = new LeNet5Net();
    int before = lenet.parameters().valueHash();
    WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(lenet, file, NameMap.SAME));
    assertTrue(e.getMessage().contains("does not fit LeNet5") && e.getMessage().contains("it was saved from network "
        + "SmallResNet; none of the 14 tensors LeNet5 needs are in it") && e.getMessage().contains("'c1.weight' "
        + "[6, 1, 5, 5] is missing; closest name in the file: 'bn1.weight' [16]"), e.getMessage());
    assertEquals(before, lenet.parameters().valueHash(), "nothing loaded");
  }

  @Test
  void shapeMismatchNamesBothShapes() throws IOException {
    List<SafeTensor> tensors = new ArrayList<>(Weights.tensors(new LeNet5Net(), NameMap.SAME));
    tensors.set(0, SafeTensor.f32("c1.weight", new int[] {6, 1, 3, 3}, new float[54]));
    Path file = dir.resolve("bad.safetensors");
    Safetensors.write(file, tensors, Map.of());
    WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(new LeNet5Net(), file,
        NameMap.SAME));
    assertTrue(e.getMessage().contains("'c1.weight' has shape [6, 1, 3, 3] in the file, but LeNet5 needs "
        + "[6, 1, 5, 5]"), e.getMessage());
  }

  @Test
  void extraTensorsAreErrorsButBatchCountersAreNot() throws IOException {
    List<SafeTensor> tensors = new ArrayList<>(Weights.tensors(new LeNet5Net(), NameMap.SAME));
    tensors.add(SafeTensor.i64("bn.num_batches_tracked", new int[0], new long[] {5}));
    Path ok = dir.resolve("ok.safetensors");
    Safetensors.write(ok, tensors, Map.of());
    Weights.load(new LeNet5Net(), ok, NameMap.SAME);
    tensors.add(SafeTensor.f32("c3.wieght", new int[] {1}, new float[1]));
    Path bad = dir.resolve("extra.safetensors");
    Safetensors.write(bad, tensors, Map.of());
    WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(new LeNet5Net(), bad,
        NameMap.SAME));
    assertTrue(e.getMessage().contains("'c3.wieght' [1] has no place in LeNet5; closest name: 'c3.weight'"),
        e.getMessage());
  }

  @Test
  void fullKernelsDoNotLoadIntoATableConvolution() throws IOException {
    Path file = dir.resolve("full.safetensors");
    Weights.save(Nets.randomized(new LeNet5FullNet(), 2), file, NameMap.SAME);
    WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(new LeNet5Net(), file,
        NameMap.SAME));
    assertTrue(e.getMessage().contains("'c3.weight'") && e.getMessage().contains("not in the connection table"),
        e.getMessage());
  }

  @Test
  void corruptFiles() throws IOException {
    Path good = dir.resolve("good.safetensors");
    Weights.save(new LeNet5Net(), good, NameMap.SAME);
    byte[] bytes = Files.readAllBytes(good);
    assertRead("truncated", java.util.Arrays.copyOf(bytes, bytes.length - 10), "outside the");
    assertRead("short", new byte[] {1, 2, 3}, "less than the 8-byte header length");
    assertRead("text", "not a safetensors file at all, just text".getBytes(StandardCharsets.UTF_8), "header");
    byte[] json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}".getBytes(StandardCharsets.UTF_8);
    assertRead("json", withHeader(json, 8), "not JSON");
    byte[] sizes = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}".getBytes(StandardCharsets.UTF_8);
    assertRead("sizes", withHeader(sizes, 8), "needs 12 bytes");
    byte[] trailing = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"
        .getBytes(StandardCharsets.UTF_8);
    assertRead("trailing", withHeader(trailing, 12), "4 data bytes after the last tensor");
  }

  private static byte[] withHeader(byte[] header, int data) {
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + data).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    return b.array();
  }

  private void assertRead(String name, byte[] bytes, String expected) throws IOException {
    Path f = Files.write(dir.resolve(name + ".safetensors"), bytes);
    WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(f));
    assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(name + ".safetensors"), e.getMessage());
  }
}
