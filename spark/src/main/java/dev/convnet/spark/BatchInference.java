package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Batch inference of a generated network over a DataFrame: {@link #transform} adds prediction columns to every row.
 *
 * <p>The model's parameters are broadcast once (one copy per executor, one network built from it per executor);
 * each task thread runs its own {@link CompiledNetwork#newWorker() worker} in inference mode (batch norm from the
 * running statistics, dropout off) over mini-batches of {@link Builder#batchSize} rows of its partition, so the
 * generated batch kernels run as they do on one machine. Rows keep their order and every input column.
 *
 * <pre>{@code
 * BatchInference inference = BatchInference.builder(ModelSnapshot.load("hdfs:///models/lenet5.model", conf))
 *     .inputColumn("image").preprocessing(Preprocessing.mnist(2)).build(spark);
 * Dataset<Row> predicted = inference.transform(images);   // + prediction, probability, probabilities
 * }</pre>
 */
public final class BatchInference implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns {@link #transform} can add. */
  public enum Output {
    /** {@code prediction int}: the class (arg-max of the logits; arg-min of RBF penalties). */
    PREDICTION("prediction"),
    /** {@code probability float}: the predicted class's probability. */
    PROBABILITY("probability"),
    /** {@code probabilities array<float>}: every class's probability (softmax). */
    PROBABILITIES("probabilities"),
    /** {@code output array<float>}: the network's raw outputs. */
    RAW("output");

    private final String column;

    Output(String column) {
      this.column = column;
    }

    /** The column's name (before the builder's prefix). */
    public String column() {
      return column;
    }
  }

  private final Broadcast<ModelSnapshot> model;
  private final String inputColumn;
  private final String idColumn;
  private final Preprocessing preprocessing;
  private final int batchSize;
  private final List<Output> outputs;
  private final String prefix;
  private final String lossName;
  private final BadRowPolicy policy;
  private final BadRows badRows;
  private final Dims inputShape;
  private final int outputSize;
  private final String network;

  private BatchInference(Builder b, SparkSession spark) {
    CompiledNetwork probe = b.model.newNetwork();
    this.inputShape = Dims.of(probe.inputShape());
    this.outputSize = probe.outputSize();
    this.network = probe.name();
    b.preprocessing.storedShape(probe.inputShape()); // checks the border fits
    new Scores(b.lossName); // checks the loss name
    this.model = spark.sparkContext().broadcast(b.model, scala.reflect.ClassTag$.MODULE$.apply(ModelSnapshot.class));
    this.inputColumn = b.inputColumn;
    this.idColumn = b.idColumn;
    this.preprocessing = b.preprocessing;
    this.batchSize = b.batchSize;
    this.outputs = List.copyOf(b.outputs);
    this.prefix = b.prefix;
    this.lossName = b.lossName;
    this.policy = b.policy;
    this.badRows = BadRows.register(spark.sparkContext(), "inference of " + network + " on " + inputColumn);
  }

  /** A builder for a model (a snapshot of a network, or one loaded from a model file). */
  public static Builder builder(ModelSnapshot model) {
    return new Builder(model);
  }

  /** The schema {@link #transform} gives rows of {@code input}. */
  public StructType outputSchema(StructType input) {
    StructType out = input;
    for (Output o : outputs) {
      String name = prefix + o.column();
      if (List.of(input.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("the input already has a column '" + name + "'; choose a prefix for"
            + " the prediction columns");
      }
      out = out.add(new StructField(name, switch (o) {
        case PREDICTION -> DataTypes.IntegerType;
        case PROBABILITY -> DataTypes.FloatType;
        case PROBABILITIES, RAW -> DataTypes.createArrayType(DataTypes.FloatType, false);
      }, false, org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  /**
   * The rows of {@code images} with the prediction columns added (lazily: nothing runs before an action). A bad row
   * fails the action with a {@link BadRowException} naming it, or under {@link BadRowPolicy#SKIP} is left out and
   * counted in {@link #badRows()}.
   */
  public Dataset<Row> transform(Dataset<Row> images) {
    StructType schema = images.schema();
    StructType outSchema = outputSchema(schema);
    InputColumn column = new InputColumn(schema, inputColumn, idColumn, inputShape.shape(), preprocessing, network);
    MapPartitionsFunction<Row, Row> f = rows -> new Batches(rows, column);
    return images.mapPartitions(f, Encoders.row(outSchema));
  }

  /** The rows skipped so far under {@link BadRowPolicy#SKIP}. */
  public BadRows badRows() {
    return badRows;
  }

  /** Releases the broadcast model on the executors. */
  public void close() {
    model.destroy();
  }

  /** Reads a partition's rows a mini-batch at a time and gives them back with their predictions. */
  private final class Batches implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final InputColumn column;
    private final CompiledNetwork net;
    private final Scores scores;
    private final float[] input;
    private final float[] scratch;
    private final Row[] batchRows;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private final int partition;
    private long position;
    private long skipped;

    Batches(Iterator<Row> rows, InputColumn column) {
      this.rows = rows;
      this.column = column;
      this.net = ExecutorNetworks.inference(model.value());
      this.scores = new Scores(lossName);
      this.input = new float[batchSize * net.inputSize()];
      this.scratch = new float[column.storedSize()];
      this.batchRows = new Row[batchSize];
      TaskContext task = TaskContext.get();
      this.partition = task == null ? 0 : task.partitionId();
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty()) {
        fill();
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void fill() {
      int n = 0;
      int size = net.inputSize();
      while (n < batchSize && rows.hasNext()) {
        Row row = rows.next();
        long at = position++;
        try {
          column.read(row, at, partition, scratch, input, n * size);
        } catch (BadRowException e) {
          if (policy == BadRowPolicy.FAIL) {
            throw e;
          }
          badRows.add(e.getMessage(), skipped++);
          continue;
        }
        batchRows[n++] = row;
      }
      if (n == 0) {
        return;
      }
      float[] out = net.forward(input, 0, n);
      for (int b = 0; b < n; b++) {
        ready.add(withPredictions(batchRows[b], out, b * outputSize));
        batchRows[b] = null;
      }
    }

    private Row withPredictions(Row row, float[] out, int offset) {
      List<Object> values = new ArrayList<>(row.size() + outputs.size());
      for (int i = 0; i < row.size(); i++) {
        values.add(row.get(i));
      }
      float[] p = null;
      for (Output o : outputs) {
        switch (o) {
          case PREDICTION -> values.add(scores.predict(out, offset, outputSize));
          case PROBABILITY, PROBABILITIES -> {
            if (p == null) {
              p = new float[outputSize];
              scores.probabilities(out, offset, outputSize, p);
            }
            values.add(o == Output.PROBABILITY ? p[scores.predict(out, offset, outputSize)] : boxed(p));
          }
          case RAW -> values.add(boxed(java.util.Arrays.copyOfRange(out, offset, offset + outputSize)));
        }
      }
      return RowFactory.create(values.toArray());
    }
  }

  private static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Configures a {@link BatchInference}. */
  public static final class Builder {
    private final ModelSnapshot model;
    private String inputColumn = "image";
    private String idColumn;
    private Preprocessing preprocessing = Preprocessing.NONE;
    private int batchSize = 64;
    private Set<Output> outputs = EnumSet.of(Output.PREDICTION, Output.PROBABILITY, Output.PROBABILITIES);
    private String prefix = "";
    private String lossName = "softmax-cross-entropy";
    private BadRowPolicy policy = BadRowPolicy.FAIL;

    private Builder(ModelSnapshot model) {
      if (model == null) {
        throw new IllegalArgumentException("a model is required");
      }
      this.model = model;
    }

    /** The image column: array<float> (stored image, NCHW) or binary (PNG/JPEG); default {@code image}. */
    public Builder inputColumn(String column) {
      this.inputColumn = column;
      return this;
    }

    /** A column whose value names a row in error messages (e.g. {@code index} or {@code path}); default none. */
    public Builder idColumn(String column) {
      this.idColumn = column;
      return this;
    }

    /** How stored images become network inputs (default {@link Preprocessing#NONE}). */
    public Builder preprocessing(Preprocessing preprocessing) {
      this.preprocessing = preprocessing;
      return this;
    }

    /** Rows per forward pass inside a partition (default 64). */
    public Builder batchSize(int batchSize) {
      this.batchSize = Checks.atLeast("batch size", batchSize, 1);
      return this;
    }

    /** The columns to add, in this order (default prediction, probability, probabilities). */
    public Builder outputs(Output... outputs) {
      if (outputs.length == 0) {
        throw new IllegalArgumentException("at least one output column is needed");
      }
      this.outputs = EnumSet.copyOf(List.of(outputs));
      return this;
    }

    /** Put before each added column's name (default none). */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null ? "" : prefix;
      return this;
    }

    /** The loss the network was trained with, which says how to read its outputs (default softmax cross-entropy). */
    public Builder loss(String lossName) {
      this.lossName = lossName;
      return this;
    }

    /** What to do with a row that cannot be read (default {@link BadRowPolicy#FAIL}). */
    public Builder badRows(BadRowPolicy policy) {
      this.policy = policy;
      return this;
    }

    public BatchInference build(SparkSession spark) {
      return new BatchInference(this, spark);
    }
  }

  /** Loads a model file (local or Hadoop path) and builds a default inference for it. */
  public static Builder builder(String modelLocation, SparkSession spark) throws IOException {
    return builder(ModelSnapshot.load(modelLocation, spark.sparkContext().hadoopConfiguration()));
  }
}
