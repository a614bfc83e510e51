package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.data.Dataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BatchInferenceTest {
  private static final int N = 150;

  /** The examples job's preparation on one machine: framed by {@code border}, standardized. */
  private static Dataset prepared(int border) throws IOException {
    Dataset d = TestSpark.digits().slice(0, N);
    Dataset framed = border == 0 ? d : d.padded(border);
    return framed.scaled(1 / 0.3081f, -0.1307f / 0.3081f);
  }

  private static CompiledNetwork lenet() {
    return new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 7));
  }

  /** A small ResNet with non-trivial running statistics, so that inference mode matters. */
  static CompiledNetwork resnet() {
    CompiledNetwork net = new SmallResNetNet(new Parameters(SmallResNetNet.LAYOUT).initialize(Init.HE_UNIFORM, 3));
    float[] buffers = net.parameters().buffers();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = buffers[i] == 0 ? (float) (r.nextDouble() - 0.5) * 0.2f : 0.5f + (float) r.nextDouble();
    }
    return net;
  }

  /** Inference over a DataFrame gives, row by row, exactly the single-machine forward output in inference mode. */
  @Test
  void everyRowEqualsSingleMachineForward() throws IOException {
    for (CompiledNetwork net : List.of(lenet(), resnet())) {
      int border = (net.inputShape().height() - 28) / 2;
      Dataset data = prepared(border);
      CompiledNetwork local = ModelSnapshot.of(net).newNetwork();
      local.setTraining(false);
      BatchInference inference = BatchInference.builder(ModelSnapshot.of(net)).inputColumn("image")
          .preprocessing(Preprocessing.mnist(border)).batchSize(16)
          .outputs(BatchInference.Output.PREDICTION, BatchInference.Output.PROBABILITIES,
              BatchInference.Output.RAW).build(TestSpark.session());
      List<Row> rows = inference.transform(TestSpark.digitRows(N, 3)).collectAsList();
      assertEquals(N, rows.size());
      for (Row row : rows) {
        int i = (int) row.getLong(0);
        float[] expected = local.predict(data.sample(i));
        float[] actual = floats(row.getList(row.fieldIndex("output")));
        assertArrayEquals(expected, actual, 0f, net.name() + " row " + i);
        int best = 0;
        for (int j = 1; j < expected.length; j++) {
          best = expected[j] > expected[best] ? j : best;
        }
        assertEquals(best, row.getInt(row.fieldIndex("prediction")), net.name() + " row " + i);
        float[] p = floats(row.getList(row.fieldIndex("probabilities")));
        double sum = 0;
        for (float v : p) {
          sum += v;
        }
        assertEquals(1, sum, 1e-5);
      }
      inference.close();
    }
  }

  /** PNG bytes give the same predictions as the pixel arrays they encode. */
  @Test
  void pngColumnEqualsArrayColumn() throws IOException {
    SparkSession spark = TestSpark.session();
    CompiledNetwork net = lenet();
    Dataset digits = TestSpark.digits().slice(0, 40);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < digits.size(); i++) {
      rows.add(RowFactory.create((long) i, png(digits.sample(i)), digits.label(i)));
    }
    StructType schema = new StructType().add("index", DataTypes.LongType).add("image", DataTypes.BinaryType)
        .add("label", DataTypes.IntegerType);
    BatchInference inference = BatchInference.builder(ModelSnapshot.of(net)).preprocessing(Preprocessing.mnist(2))
        .outputs(BatchInference.Output.RAW).build(spark);
    List<Row> fromPng = inference.transform(spark.createDataFrame(rows, schema).repartition(2)).collectAsList();
    List<Row> fromArrays = inference.transform(TestSpark.digitRows(40, 2)).collectAsList();
    assertEquals(40, fromPng.size());
    float[][] expected = new float[40][];
    for (Row r : fromArrays) {
      expected[(int) r.getLong(0)] = floats(r.getList(r.fieldIndex("output")));
    }
    for (Row r : fromPng) {
      assertArrayEquals(expected[(int) r.getLong(0)], floats(r.getList(r.fieldIndex("output"))), 0f);
    }
  }

  /** The registered SQL function gives the DataFrame API's predictions. */
  @Test
  void sqlFunctionPredicts() throws IOException {
    SparkSession spark = TestSpark.session();
    CompiledNetwork net = lenet();
    PredictUdf.register(spark, "lenet", ModelSnapshot.of(net), Preprocessing.mnist(2), "softmax-cross-entropy",
        BadRowPolicy.FAIL);
    TestSpark.digitRows(60, 2).createOrReplaceTempView("digits");
    List<Row> sql = spark.sql("SELECT index, lenet(image).prediction AS p, lenet(image).probability AS q"
        + " FROM digits ORDER BY index").collectAsList();
    BatchInference inference = BatchInference.builder(ModelSnapshot.of(net)).preprocessing(Preprocessing.mnist(2))
        .build(spark);
    List<Row> api = inference.transform(TestSpark.digitRows(60, 2)).orderBy("index").collectAsList();
    assertEquals(60, sql.size());
    for (int i = 0; i < 60; i++) {
      assertEquals(api.get(i).getInt(api.get(i).fieldIndex("prediction")), sql.get(i).getInt(1));
      assertEquals(api.get(i).getFloat(api.get(i).fieldIndex("probability")), sql.get(i).getFloat(2));
    }
  }

  private static StructType badSchema() {
    return new StructType().add("id", DataTypes.StringType)
        .add("image", DataTypes.createArrayType(DataTypes.FloatType));
  }

  private static List<Row> badRows() throws IOException {
    Dataset digits = TestSpark.digits().slice(0, 6);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create("good-" + i, boxed(digits.sample(i))));
    }
    Float[] shortRow = new Float[783];
    java.util.Arrays.fill(shortRow, 0f);
    rows.add(3, RowFactory.create("short", shortRow));
    Float[] nan = boxed(digits.sample(0));
    nan[28 * 5 + 7] = Float.NaN;
    rows.add(5, RowFactory.create("nan", nan));
    return rows;
  }

  /** A wrong length or a NaN stops the job with a message naming the row; SKIP counts and leaves them out. */
  @Test
  void badArrayRowsFailNamingTheRowOrAreCountedWhenSkipped() throws IOException {
    SparkSession spark = TestSpark.session();
    var frame = spark.createDataFrame(badRows(), badSchema()).coalesce(1);
    BatchInference strict = BatchInference.builder(ModelSnapshot.of(lenet())).idColumn("id")
        .preprocessing(Preprocessing.mnist(2)).build(spark);
    SparkException e = assertThrows(SparkException.class, () -> strict.transform(frame).collectAsList());
    assertTrue(e.getMessage().contains("row id=short: column 'image' holds 783 values; network LeNet5 expects 784"
        + " (1×28×28, before border 2, (x - 0.1307) / 0.3081)"), e.getMessage());
    var nanOnly = spark.createDataFrame(badRows().subList(4, 7), badSchema()).coalesce(1);
    e = assertThrows(SparkException.class, () -> strict.transform(nanOnly).collectAsList());
    assertTrue(e.getMessage().contains("row id=nan: column 'image' has NaN at index 147 (channel 0, row 5, column 7)"),
        e.getMessage());

    BatchInference lenient = BatchInference.builder(ModelSnapshot.of(lenet())).idColumn("id")
        .preprocessing(Preprocessing.mnist(2)).badRows(BadRowPolicy.SKIP).build(spark);
    List<Row> out = lenient.transform(frame).collectAsList();
    assertEquals(6, out.size());
    assertEquals(2, lenient.badRows().count());
    assertTrue(lenient.badRows().examples().toString().contains("row id=short"), lenient.badRows().toString());
    assertTrue(lenient.badRows().examples().toString().contains("row id=nan"), lenient.badRows().toString());
  }

  /** An undecodable image stops the job naming the row; the SQL function says so too, or gives null when skipping. */
  @Test
  void undecodableImageIsNamed() throws IOException {
    SparkSession spark = TestSpark.session();
    Dataset digits = TestSpark.digits().slice(0, 3);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("a.png", png(digits.sample(0))));
    byte[] broken = png(digits.sample(1));
    rows.add(RowFactory.create("broken.png", java.util.Arrays.copyOf(broken, broken.length / 2)));
    rows.add(RowFactory.create("text.png", "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    StructType schema = new StructType().add("path", DataTypes.StringType).add("image", DataTypes.BinaryType);
    var frame = spark.createDataFrame(rows, schema).coalesce(1);
    BatchInference strict = BatchInference.builder(ModelSnapshot.of(lenet())).idColumn("path")
        .preprocessing(Preprocessing.mnist(2)).build(spark);
    SparkException e = assertThrows(SparkException.class, () -> strict.transform(frame).collectAsList());
    assertTrue(e.getMessage().contains("row path=broken.png: column 'image' holds a corrupt png image"),
        e.getMessage());
    BatchInference lenient = BatchInference.builder(ModelSnapshot.of(lenet())).idColumn("path")
        .preprocessing(Preprocessing.mnist(2)).badRows(BadRowPolicy.SKIP).build(spark);
    assertEquals(1, lenient.transform(frame).collectAsList().size());
    assertEquals(2, lenient.badRows().count());
    assertTrue(lenient.badRows().examples().toString().contains("row path=text.png: column 'image' holds 12 bytes"
        + " that are not an image"), lenient.badRows().toString());

    PredictUdf udf = PredictUdf.register(spark, "lenet_skip", ModelSnapshot.of(lenet()), Preprocessing.mnist(2),
        "softmax-cross-entropy", BadRowPolicy.SKIP);
    frame.createOrReplaceTempView("pngs");
    List<Row> sql = spark.sql("SELECT path, lenet_skip(image) FROM pngs ORDER BY path").collectAsList();
    assertNull(sql.get(1).get(1)); // broken.png
    assertEquals(2, udf.badRows().count());
    PredictUdf.register(spark, "lenet_strict", ModelSnapshot.of(lenet()), Preprocessing.mnist(2),
        "softmax-cross-entropy", BadRowPolicy.FAIL);
    e = assertThrows(SparkException.class, () -> spark.sql("SELECT lenet_strict(image) FROM pngs").collectAsList());
    assertTrue(e.getMessage().contains("lenet_strict(): the image holds"), e.getMessage());
  }

  static byte[] png(float[] grey) throws IOException {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        image.getRaster().setSample(x, y, 0, Math.round(grey[y * 28 + x] * 255));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  static float[] floats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }
}
