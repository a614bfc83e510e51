package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Shape;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Turns labelled rows into preprocessed, indexed {@link Sample}s (cached): the index is the row's place in the
 * DataFrame's order after bad rows are left out. A bad row (unreadable image, wrong length, NaN, a null or
 * out-of-range label) stops the job naming the row, or is counted and left out under {@link BadRowPolicy#SKIP}.
 */
final class SampleReader {
  private final String imageColumn;
  private final String labelColumn;
  private final String idColumn;
  private final Preprocessing preprocessing;
  private final BadRowPolicy policy;
  private final BadRows badRows;
  private final Shape input;
  private final int classes;
  private final String network;

  SampleReader(SparkSession spark, String imageColumn, String labelColumn, String idColumn,
               Preprocessing preprocessing, BadRowPolicy policy, CompiledNetwork net) {
    this.imageColumn = imageColumn;
    this.labelColumn = labelColumn;
    this.idColumn = idColumn;
    this.preprocessing = preprocessing;
    this.policy = policy;
    this.input = net.inputShape();
    this.classes = net.outputSize();
    this.network = net.name();
    preprocessing.storedShape(input);
    this.badRows = BadRows.register(spark.sparkContext(), "training of " + network);
  }

  BadRows badRows() {
    return badRows;
  }

  /** The cached samples of {@code rows} (the caller unpersists them). */
  JavaRDD<Sample> read(Dataset<Row> rows, String what) {
    StructType schema = rows.schema();
    InputColumn column = new InputColumn(schema, imageColumn, idColumn, input, preprocessing, network);
    int label = InputColumn.fieldIndex(schema, labelColumn, "label");
    int classes = this.classes;
    BadRowPolicy policy = this.policy;
    BadRows badRows = this.badRows;
    int inputSize = input.size();
    JavaRDD<Sample> read = rows.javaRDD().mapPartitions(it -> readPartition(it, column, label, classes, policy,
        badRows, inputSize, what)).persist(SparkTrainer.cached());
    read.count(); // reads every row once (and counts the bad ones once)
    JavaRDD<Sample> indexed = read.zipWithIndex()
        .map(p -> new Sample(p._2(), p._1().input(), p._1().label()))
        .persist(SparkTrainer.cached());
    indexed.count();
    read.unpersist(false);
    return indexed;
  }

  private static Iterator<Sample> readPartition(Iterator<Row> rows, InputColumn column, int labelIndex,
                                                int classes, BadRowPolicy policy, BadRows badRows, int inputSize,
                                                String what) {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    float[] scratch = new float[column.storedSize()];
    return new Iterator<>() { // row by row, so that only the samples themselves are kept (by the cache)
      private long position;
      private long skipped;
      private Sample next;

      @Override
      public boolean hasNext() {
        while (next == null && rows.hasNext()) {
          Row row = rows.next();
          long at = position++;
          float[] input = new float[inputSize];
          try {
            column.read(row, at, partition, scratch, input, 0);
            next = new Sample(-1, input, label(row, labelIndex, classes, column, at, partition));
          } catch (BadRowException e) {
            String message = what + ", " + e.getMessage();
            if (policy == BadRowPolicy.FAIL) {
              throw new BadRowException(message);
            }
            badRows.add(message, skipped++);
          }
        }
        return next != null;
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Sample s = next;
        next = null;
        return s;
      }
    };
  }

  private static int label(Row row, int index, int classes, InputColumn column, long at, int partition) {
    String name = row.schema().fieldNames()[index];
    if (row.isNullAt(index)) {
      throw new BadRowException(column.rowName(row, at, partition) + ": label column '" + name + "' is null");
    }
    Object v = row.get(index);
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
      throw new BadRowException(column.rowName(row, at, partition) + ": label column '" + name + "' holds "
          + v + " (" + v.getClass().getSimpleName() + "), not an integer class");
    }
    long label = ((Number) v).longValue();
    if (label < 0 || label >= classes) {
      throw new BadRowException(column.rowName(row, at, partition) + ": label " + label + " in column '" + name
          + "' is outside the network's " + classes + " classes [0, " + classes + ")");
    }
    return (int) label;
  }
}
