package dev.convnet.runtime.io;

import static dev.convnet.runtime.io.ModelFiles.assertNamesFileAndProblem;
import static dev.convnet.runtime.io.ModelFiles.rewriteChecksum;
import static dev.convnet.runtime.io.ModelFiles.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Preprocessing;
import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of version 3 record class names, input preprocessing, data set and metrics, which round-trip; files
 * without metadata stay version 1 or 2; the recorded preprocessing feeds a model as the job fed it.
 */
class ModelMetadataTest {
  @TempDir
  Path dir;

  static ModelMetadata fashion() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("test_accuracy", 0.9021);
    metrics.put("test_loss", 0.27);
    return new ModelMetadata(List.of("T-shirt/top", "Trouser", "Bag"), new Preprocessing(2, 0.1307f, 0.3081f,
        Preprocessing.NO_CENTERING), "Fashion-MNIST (60000 train, 10000 test)", metrics, Map.of("epochs", "5"));
  }

  @Test
  void metadataRoundTripsInAVersion3File() throws IOException {
    TinyNetwork net = small(1);
    Path file = dir.resolve("m.model");
    ModelFile.save(net, file, fashion());
    ModelFileInfo info = ModelFile.inspect(file);
    assertEquals(3, info.version());
    assertEquals(fashion(), info.metadata());
    assertEquals("Bag", info.metadata().className(2));
    assertEquals("7", info.metadata().className(7));
    TinyNetwork other = small(2);
    ModelFile.load(other, file);
    assertArrayEquals(net.parameters().data(), other.parameters().data());

    ModelFile.save(net, file);
    assertEquals(1, ModelFile.inspect(file).version(), "without metadata the file stays version 1");
    assertEquals(ModelMetadata.NONE, ModelFile.inspect(file).metadata());
    ModelFile.save(net, file, ModelMetadata.NONE);
    assertEquals(1, ModelFile.inspect(file).version());
  }

  @Test
  void aDamagedMetadataSectionIsRefused() throws IOException {
    Path file = dir.resolve("m.model");
    ModelFile.save(small(1), file, fashion());
    byte[] bytes = Files.readAllBytes(file);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 10);
    rewriteChecksum(cut);
    Path bad = Files.write(dir.resolve("cut.model"), cut);
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.inspect(bad));
    assertNamesFileAndProblem(e, bad, "truncated or corrupt");

    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("0.3081");
    bytes[at] = 'x';
    rewriteChecksum(bytes);
    Path malformed = Files.write(dir.resolve("malformed.model"), bytes);
    e = assertThrows(ModelFileException.class, () -> ModelFile.inspect(malformed));
    assertNamesFileAndProblem(e, malformed, "corrupt metadata: malformed input preprocessing");
    assertTrue(ByteBuffer.wrap(bytes).getInt(8) == 3);
  }

  @Test
  void theRecordedPreprocessingFeedsTheModelAsTrained() {
    Dataset raw = new Dataset(new float[] {0, 0.5f, 1, 0.25f}, new int[] {1}, Shape.map(1, 2, 2));
    Preprocessing p = new Preprocessing(1, 0.5f, 0.25f, Preprocessing.MNIST_CENTERING);
    Dataset fed = p.apply(raw);
    assertEquals(Shape.map(1, 4, 4), fed.sampleShape());
    float[] x = fed.sample(0);
    assertEquals(-2f, x[0]);
    assertEquals(-2f, x[5], 1e-6);
    assertEquals(0f, x[6], 1e-6);
    assertEquals(2f, x[9], 1e-6);
    Preprocessing back = ModelMetadata.fromProperties(new ModelMetadata(List.of(), p, "", Map.of(), Map.of())
        .toProperties()).preprocessing();
    assertEquals(p, back);
    assertTrue(back.centersDigits());
    assertThrows(IllegalArgumentException.class, () -> new Preprocessing(0, 0, 0, Preprocessing.NO_CENTERING));
    assertThrows(IllegalArgumentException.class, () -> new Preprocessing(0, 0, 1, "sideways"));
    assertThrows(IllegalArgumentException.class, () -> new ModelMetadata(List.of("a\nb"), null, "", Map.of(),
        Map.of()));
  }
}
