package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Shape;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark SQL function that classifies an image with a model:
 * {@code SELECT fashion(image).prediction FROM images}, where {@code image} is an {@code array<float>} (the stored
 * image, channel, row, column order) or {@code binary} (PNG/JPEG bytes). It returns
 * {@code struct<prediction: int, probability: float, probabilities: array<float>>}. The model is broadcast once;
 * each task thread runs its own network worker in inference mode, one row per call (for mini-batched inference
 * over a whole DataFrame use {@link BatchInference}). A bad value fails the query with a {@link BadRowException}
 * saying what is wrong, or under {@link BadRowPolicy#SKIP} gives null and is counted.
 *
 * <pre>{@code
 * PredictUdf.register(spark, "fashion", ModelSnapshot.load("hdfs:///models/lenet5.model", conf),
 *     Preprocessing.mnist(2), "softmax-cross-entropy", BadRowPolicy.FAIL);
 * spark.sql("SELECT label, fashion(image).prediction AS predicted FROM test");
 * }</pre>
 */
public final class PredictUdf implements UDF1<Object, Row> {
  private static final long serialVersionUID = 1L;

  /** The result type. */
  public static final StructType RESULT = new StructType()
      .add("prediction", DataTypes.IntegerType, false)
      .add("probability", DataTypes.FloatType, false)
      .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final String name;
  private final Broadcast<ModelSnapshot> model;
  private final InputColumn input;
  private final String lossName;
  private final BadRowPolicy policy;
  private final BadRows badRows;
  private transient Scores scores;
  private transient float[] buffer;
  private transient float[] scratch;
  private transient long skipped;

  private PredictUdf(String name, Broadcast<ModelSnapshot> model, InputColumn input, String lossName,
                     BadRowPolicy policy, BadRows badRows) {
    this.name = name;
    this.model = model;
    this.input = input;
    this.lossName = lossName;
    this.policy = policy;
    this.badRows = badRows;
  }

  /**
   * Registers the function {@code name} for the model.
   *
   * @return the function, whose {@link #badRows()} counts the values skipped
   */
  public static PredictUdf register(SparkSession spark, String name, ModelSnapshot model,
                                    Preprocessing preprocessing, String lossName, BadRowPolicy policy) {
    CompiledNetwork probe = model.newNetwork();
    Shape shape = probe.inputShape();
    new Scores(lossName); // checks the name
    PredictUdf udf = new PredictUdf(name, spark.sparkContext().broadcast(model,
        scala.reflect.ClassTag$.MODULE$.apply(ModelSnapshot.class)),
        new InputColumn("argument of " + name + "()", shape, preprocessing, probe.name()), lossName, policy,
        BadRows.register(spark.sparkContext(), "function " + name));
    spark.udf().register(name, udf, RESULT);
    return udf;
  }

  /** The values skipped under {@link BadRowPolicy#SKIP}. */
  public BadRows badRows() {
    return badRows;
  }

  @Override
  public Row call(Object value) {
    CompiledNetwork net = ExecutorNetworks.inference(model.value());
    if (scores == null) {
      scores = new Scores(lossName);
      buffer = new float[net.inputSize()];
      scratch = new float[input.storedSize()];
    }
    String problem = input.read(value, scratch, buffer, 0);
    if (problem != null) {
      String message = name + "(): the " + (value instanceof byte[] ? "image" : "value") + " " + problem;
      if (policy == BadRowPolicy.FAIL) {
        throw new BadRowException(message);
      }
      badRows.add(message, skipped++);
      return null;
    }
    float[] out = net.forward(buffer, 0, 1);
    int n = net.outputSize();
    float[] p = new float[n];
    scores.probabilities(out, 0, n, p);
    int k = scores.predict(out, 0, n);
    Float[] boxed = new Float[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = p[i];
    }
    return RowFactory.create(k, p[k], boxed);
  }
}
