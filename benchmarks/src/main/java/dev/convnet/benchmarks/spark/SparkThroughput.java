package dev.convnet.benchmarks.spark;

import dev.convnet.examples.digits.NetworkChoice;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.parallel.DataParallel;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.spark.BatchInference;
import dev.convnet.spark.LossFactory;
import dev.convnet.spark.ModelSnapshot;
import dev.convnet.spark.OptimizerFactory;
import dev.convnet.spark.Preprocessing;
import dev.convnet.spark.SparkData;
import dev.convnet.spark.SparkTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of synchronous training and of batch inference through Spark, beside the single-machine Trainer, on
 * Fashion-MNIST (a main class, not a timed test; {@code spark/scripts/benchmark.sh} runs it on local[1], local[2]
 * and the two-worker standalone cluster).
 *
 * <p>For each network: one warm-up epoch on a small slice, then one epoch of {@code --train} images with the global
 * batch {@code --batch}, and inference over {@code --test} images. Spark's training time is split into the epoch's
 * data layout (one shuffle) and its steps; the overhead per step is the Spark step time less the single-machine
 * Trainer's time per step with as many threads as shards. Each result is one line appended to {@code --out} as
 * {@code key=value} pairs.
 *
 * <pre>
 * SparkThroughput --mode trainer --threads 2 --out results.txt
 * SparkThroughput --mode spark --master local[2] --shards 2 --label local[2] --out results.txt
 * </pre>
 */
public final class SparkThroughput {
  private SparkThroughput() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String data = o.getOrDefault("data", "/usr/share/datasets/fashion-mnist");
    int train = Integer.parseInt(o.getOrDefault("train", "12800"));
    int test = Integer.parseInt(o.getOrDefault("test", "10000"));
    int batch = Integer.parseInt(o.getOrDefault("batch", "64"));
    List<String> nets = List.of(o.getOrDefault("nets", "lenet5,resnet").split(","));
    Path out = Path.of(o.getOrDefault("out", "spark-throughput.txt"));
    for (String name : nets) {
      NetworkChoice choice = NetworkChoice.byName(name);
      String line = o.getOrDefault("mode", "trainer").equals("trainer")
          ? trainer(choice, data, train, test, batch, Integer.parseInt(o.getOrDefault("threads", "1")))
          : spark(choice, data, train, test, batch, o.get("master"), Integer.parseInt(o.getOrDefault("shards", "2")),
          o.getOrDefault("label", o.get("master")), o.get("jar"));
      System.out.println(line);
      Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private static Dataset prepare(Dataset d, int border) {
    return (border == 0 ? d : d.padded(border)).scaled(1 / 0.3081f, -0.1307f / 0.3081f);
  }

  static String trainer(NetworkChoice choice, String dir, int train, int test, int batch, int threads)
      throws IOException {
    Dataset all = Idx.load(Path.of(dir, "train-images-idx3-ubyte.gz"), Path.of(dir, "train-labels-idx1-ubyte.gz"));
    Dataset trainSet = prepare(all.slice(0, train), choice.border());
    Dataset testSet = prepare(Idx.load(Path.of(dir, "t10k-images-idx3-ubyte.gz"),
        Path.of(dir, "t10k-labels-idx1-ubyte.gz")).slice(0, test), choice.border());
    CompiledNetwork net = choice.network(1);
    Trainer.builder().network(net).loss(choice.newLoss()).optimizer(Optimizers.create("adamw", 2e-3))
        .batchSize(batch).threads(threads).seed(2).build().fit(trainSet.slice(0, Math.min(train, 2 * batch * 20)),
            null); // warm-up
    Trainer trainer = Trainer.builder().network(net).loss(choice.newLoss())
        .optimizer(Optimizers.create("adamw", 2e-3)).batchSize(batch).threads(threads).seed(1).build();
    long t0 = System.nanoTime();
    trainer.fit(trainSet, null);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    net.setTraining(false);
    double inferSeconds = 0;
    try (DataParallel parallel = new DataParallel(net, threads)) {
      for (int round = 0; round < 2; round++) { // the first round warms up
        long i0 = System.nanoTime();
        for (int from = 0; from < test; from += 64) {
          int n = Math.min(64, test - from);
          parallel.forward(testSet.features(), from * net.inputSize(), n);
        }
        inferSeconds = (System.nanoTime() - i0) / 1e9;
      }
    }
    int steps = (train + batch - 1) / batch;
    return String.format(Locale.ROOT, "mode=trainer net=%s where=Trainer.threads(%d) train=%d batch=%d steps=%d "
            + "trainSeconds=%.3f trainSamplesPerSecond=%.1f stepMs=%.3f test=%d inferSeconds=%.3f "
            + "inferSamplesPerSecond=%.1f", choice.name(), threads, train, batch, steps, trainSeconds,
        train / trainSeconds, 1000 * trainSeconds / steps, test, inferSeconds, test / inferSeconds);
  }

  static String spark(NetworkChoice choice, String dir, int train, int test, int batch, String master, int shards,
                      String label, String jar) throws IOException {
    SparkSession.Builder b = SparkSession.builder().appName("convnet SparkThroughput").master(master)
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", shards);
    if (jar != null) {
      b.config("spark.jars", jar);
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      org.apache.spark.sql.Dataset<Row> all = SparkData.idx(spark, dir + "/train-images-idx3-ubyte.gz",
          dir + "/train-labels-idx1-ubyte.gz", shards);
      org.apache.spark.sql.Dataset<Row> trainRows = all.filter(all.col("index").lt(train)).cache();
      org.apache.spark.sql.Dataset<Row> warmRows = all.filter(all.col("index").lt(Math.min(train, 2 * batch * 20)));
      org.apache.spark.sql.Dataset<Row> testAll = SparkData.idx(spark, dir + "/t10k-images-idx3-ubyte.gz",
          dir + "/t10k-labels-idx1-ubyte.gz", shards);
      org.apache.spark.sql.Dataset<Row> testRows = testAll.filter(testAll.col("index").lt(test)).cache();
      trainRows.count();
      testRows.count();
      CompiledNetwork net = choice.network(1);
      Preprocessing prep = Preprocessing.mnist(choice.border());
      LossFactory loss = LossFactory.named(choice.newLoss().name());
      SparkTrainer.builder(spark).network(net).loss(loss).optimizer(OptimizerFactory.named("adamw", 2e-3))
          .batchSize(batch).shards(shards).seed(2).preprocessing(prep).build().fit(warmRows, null);
      List<Long> stepEnds = new ArrayList<>();
      long[] start = new long[1];
      SparkTrainer trainer = SparkTrainer.builder(spark).network(net).loss(loss)
          .optimizer(OptimizerFactory.named("adamw", 2e-3)).batchSize(batch).shards(shards).seed(1)
          .preprocessing(prep).stepListener((e, s, g) -> stepEnds.add(System.nanoTime()))
          .listener(new dev.convnet.runtime.train.TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int epochs, int samples) {
              start[0] = System.nanoTime();
            }
          }).build();
      long t0 = System.nanoTime();
      trainer.fit(trainRows, null);
      double fitSeconds = (System.nanoTime() - t0) / 1e9;
      double layoutSeconds = (start[0] - t0) / 1e9; // reading the rows and laying the epoch out
      double stepsSeconds = (stepEnds.get(stepEnds.size() - 1) - start[0]) / 1e9;
      int steps = stepEnds.size();
      BatchInference inference = BatchInference.builder(ModelSnapshot.of(net)).preprocessing(prep).batchSize(64)
          .outputs(BatchInference.Output.PREDICTION).build(spark);
      double inferSeconds = 0;
      for (int round = 0; round < 2; round++) { // the first round warms up
        long i0 = System.nanoTime();
        long rows = inference.transform(testRows).count();
        inferSeconds = (System.nanoTime() - i0) / 1e9;
        if (rows != test) {
          throw new IllegalStateException("inference gave " + rows + " rows for " + test);
        }
      }
      return String.format(Locale.ROOT, "mode=spark net=%s where=%s shards=%d train=%d batch=%d steps=%d "
              + "fitSeconds=%.3f setupSeconds=%.3f stepsSeconds=%.3f trainSamplesPerSecond=%.1f stepMs=%.3f test=%d"
              + " inferSeconds=%.3f inferSamplesPerSecond=%.1f", choice.name(), label, shards, train, batch, steps,
          fitSeconds, layoutSeconds, stepsSeconds, train / stepsSeconds, 1000 * stepsSeconds / steps, test,
          inferSeconds, test / inferSeconds);
    } finally {
      spark.stop();
    }
  }

}
