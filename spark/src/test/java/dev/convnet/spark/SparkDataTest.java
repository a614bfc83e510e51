package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDataTest {
  @TempDir
  Path dir;

  private Path resource(String name) throws IOException {
    Path out = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(TestSpark.DIGITS + name)) {
      Files.copy(in, out);
    }
    return out;
  }

  /** IDX files (gzip, given as file: URIs) become rows in file order with the values Idx.load gives. */
  @Test
  void idxRowsAreTheFilesSamplesInOrder() throws IOException {
    Path images = resource("images-idx3-ubyte.gz");
    Path labels = resource("labels-idx1-ubyte.gz");
    Dataset expected = Idx.load(images, labels);
    List<Row> rows = SparkData.idx(TestSpark.session(), images.toUri().toString(), labels.toUri().toString(), 4)
        .filter("index % 997 = 0").collectAsList();
    assertEquals(11, rows.size());
    for (Row r : rows) {
      int i = (int) r.getLong(0);
      assertArrayEquals(expected.sample(i), BatchInferenceTest.floats(r.getList(1)), 0f);
      assertEquals(expected.label(i), r.getInt(2));
    }
    IOException e = assertThrows(IOException.class, () -> SparkData.idx(TestSpark.session(),
        images.toString(), images.toString(), 2));
    assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
  }

  /** The shuffle depends on the seed only: the same permutation whatever the partitioning, another for another seed. */
  @Test
  void shuffleIsDeterministicBySeed() throws IOException {
    List<Long> a = originalIndices(SparkData.shuffle(TestSpark.digitRows(300, 3), 42, 2));
    List<Long> b = originalIndices(SparkData.shuffle(TestSpark.digitRows(300, 5), 42, 3));
    List<Long> c = originalIndices(SparkData.shuffle(TestSpark.digitRows(300, 3), 43, 2));
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(300, new HashSet<>(a).size());
  }

  /** The rows' original indices (found by their labels and pixels) in the shuffled order. */
  private static List<Long> originalIndices(org.apache.spark.sql.Dataset<Row> shuffled) throws IOException {
    Dataset digits = TestSpark.digits();
    List<Long> out = new ArrayList<>();
    List<Row> rows = shuffled.orderBy("index").collectAsList();
    for (int k = 0; k < rows.size(); k++) {
      Row r = rows.get(k);
      assertEquals(k, r.getLong(0));
      float[] pixels = BatchInferenceTest.floats(r.getList(1));
      long found = -1;
      for (int i = 0; i < 300 && found < 0; i++) {
        if (digits.label(i) == r.getInt(2) && java.util.Arrays.equals(digits.sample(i), pixels)) {
          found = i;
        }
      }
      out.add(found);
    }
    return out;
  }

  /**
   * An image folder: classes in sorted folder order, images in sorted path order, other files ignored; a corrupt
   * image is named by its path when training, or counted and skipped.
   */
  @Test
  void imageFolderReadsClassesAndNamesACorruptImage() throws IOException {
    Dataset digits = TestSpark.digits();
    for (String c : List.of("seven", "one")) {
      Files.createDirectories(dir.resolve("folder").resolve(c).resolve("more"));
    }
    List<String> expected = new ArrayList<>();
    int n = 0;
    for (int i = 0; n < 12; i++) {
      int label = digits.label(i);
      if (label != 1 && label != 7) {
        continue;
      }
      String name = (label == 7 ? "seven/" : "one/") + (n % 3 == 0 ? "more/" : "") + "d" + i + ".png";
      Files.write(dir.resolve("folder").resolve(name), BatchInferenceTest.png(digits.sample(i)));
      expected.add(name);
      n++;
    }
    Files.writeString(dir.resolve("folder/one/notes.txt"), "not an image");
    SparkSession spark = TestSpark.session();
    SparkData.ImageFolder folder = SparkData.imageFolder(spark, dir.resolve("folder").toString(), 2);
    assertEquals(List.of("one", "seven"), folder.classes());
    List<Row> rows = folder.rows().orderBy("index").collectAsList();
    assertEquals(12, rows.size());
    Set<String> seen = new HashSet<>();
    String previous = "";
    for (Row r : rows) {
      String path = r.getString(1);
      assertTrue(path.compareTo(previous) > 0, path + " after " + previous); // "one/..." < "seven/...": all sorted
      previous = path;
      assertEquals(path.contains("/seven/") ? 1 : 0, r.getInt(3), path);
      seen.add(path.substring(path.indexOf("/folder/") + 8));
    }
    assertEquals(new HashSet<>(expected), seen);

    Files.write(dir.resolve("folder/seven/zz-corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    var withCorrupt = SparkData.imageFolder(spark, dir.resolve("folder").toString(), 2).rows();
    CompiledNetwork net = SparkTrainerTest.lenet();
    SparkException e = assertThrows(SparkException.class, () -> SparkTrainerTest.sparkTrainer(net, 2).epochs(1)
        .idColumn("path").build().fit(withCorrupt, null));
    assertTrue(e.getMessage().contains("training set, row path=") && e.getMessage().contains(
        "zz-corrupt.png: column 'image' holds 7 bytes that are not an image ImageIO can decode"), e.getMessage());
    SparkTrainer lenient = SparkTrainerTest.sparkTrainer(SparkTrainerTest.lenet(), 2).epochs(1).idColumn("path")
        .badRows(BadRowPolicy.SKIP).build();
    lenient.fit(withCorrupt, null);
    assertEquals(1, lenient.badRows().count());
  }

  /**
   * Bad training rows: an out-of-range label stops training naming the row; under SKIP a NaN row and a short row
   * are counted and left out, and training equals Trainer on the remaining rows.
   */
  @Test
  void badTrainingRowsAreNamedOrSkippedAndCounted() throws IOException {
    SparkSession spark = TestSpark.session();
    Dataset digits = TestSpark.digits().slice(0, 64);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      rows.add(RowFactory.create((long) rows.size(), BatchInferenceTest.boxed(digits.sample(i)), digits.label(i)));
      if (i == 10) {
        Float[] nan = BatchInferenceTest.boxed(digits.sample(i));
        nan[400] = Float.NaN;
        rows.add(RowFactory.create((long) rows.size(), nan, 3));
      }
      if (i == 40) {
        rows.add(RowFactory.create((long) rows.size(), new Float[] {1f, 2f}, 3));
      }
    }
    var frame = spark.createDataFrame(rows, SparkData.IDX_SCHEMA).repartition(1);
    CompiledNetwork net = SparkTrainerTest.lenet();
    SparkException e = assertThrows(SparkException.class, () -> SparkTrainerTest.sparkTrainer(net, 2).epochs(1)
        .idColumn("index").build().fit(spark.createDataFrame(List.of(RowFactory.create(7L,
            BatchInferenceTest.boxed(digits.sample(0)), 12)), SparkData.IDX_SCHEMA), null));
    assertTrue(e.getMessage().contains("training set, row index=7: label 12 in column 'label' is outside the"
        + " network's 10 classes [0, 10)"), e.getMessage());

    CompiledNetwork skipping = SparkTrainerTest.lenet();
    SparkTrainer trainer = SparkTrainerTest.sparkTrainer(skipping, 2).epochs(1).idColumn("index")
        .badRows(BadRowPolicy.SKIP).build();
    trainer.fit(frame, null);
    assertEquals(2, trainer.badRows().count());
    assertTrue(trainer.badRows().examples().toString().contains("row index=11: column 'image' has NaN at index 400"),
        trainer.badRows().toString());
    assertTrue(trainer.badRows().examples().toString().contains("row index=42: column 'image' holds 2 values"),
        trainer.badRows().toString());

    CompiledNetwork local = SparkTrainerTest.lenet();
    dev.convnet.runtime.train.Trainer.builder().network(local)
        .loss(dev.convnet.runtime.loss.Losses.softmaxCrossEntropy())
        .optimizer(dev.convnet.runtime.optim.Optimizers.create("adamw", 2e-3))
        .schedule(dev.convnet.runtime.optim.LearningRateSchedule.cosine(SparkTrainerTest.EPOCHS, 0))
        .batchSize(SparkTrainerTest.BATCH).epochs(1).seed(3).threads(2).build()
        .fit(digits.padded(2).scaled(1 / 0.3081f, -0.1307f / 0.3081f), null);
    assertArrayEquals(local.parameters().data(), skipping.parameters().data(), 0f);
  }
}
