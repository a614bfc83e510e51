package dev.convnet.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts the rows left out under {@link BadRowPolicy#SKIP} (a Spark accumulator, readable on the driver once an
 * action has run) and keeps the descriptions of the first few of each task, so that skipped rows are never silent.
 */
public final class BadRows implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Descriptions kept per task. */
  static final int EXAMPLES_PER_TASK = 5;

  private final LongAccumulator count;
  private final CollectionAccumulator<String> examples;

  private BadRows(LongAccumulator count, CollectionAccumulator<String> examples) {
    this.count = count;
    this.examples = examples;
  }

  /** New registered accumulators named after {@code what}. */
  public static BadRows register(SparkContext sc, String what) {
    return new BadRows(sc.longAccumulator("convnet bad rows: " + what),
        sc.collectionAccumulator("convnet bad row examples: " + what));
  }

  /** Rows skipped so far (by the actions run until now). */
  public long count() {
    return count.value();
  }

  /** Descriptions of skipped rows (at most a few per task). */
  public List<String> examples() {
    return examples.value();
  }

  void add(String description, long alreadyInTask) {
    count.add(1);
    if (alreadyInTask < EXAMPLES_PER_TASK) {
      examples.add(description);
    }
  }

  @Override
  public String toString() {
    long n = count();
    return n == 0 ? "no bad rows" : n + " bad rows skipped, e.g. " + examples();
  }
}
