package dev.convnet.spark;

import dev.convnet.examples.digits.NetworkChoice;
import dev.convnet.examples.digits.UsageException;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.TrainingHistory;
import dev.convnet.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark job that trains one of the examples' networks ({@code --net lenet5 | resnet | densenet | lenet1998}) on
 * Fashion-MNIST (or any MNIST-style IDX folder; the examples' bundled digits when none is found) through
 * {@link SparkTrainer}, and writes a model file that the examples' {@code classify} command loads. The images are
 * prepared as the examples' job prepares them (framed to the network's input, standardized), and the options and
 * defaults are the job's, so that {@code --shards k} trains exactly what {@code --threads k} trains there.
 *
 * <pre>
 * spark-submit --master local[2] --class dev.convnet.spark.FashionJob spark/target/convnet-spark-job.jar \
 *     --data /usr/share/datasets/fashion-mnist --epochs 5 --batch 32 --lr 0.002 --out fashion-lenet5.model
 * </pre>
 */
public final class FashionJob {
  static final String DEFAULT_DATA = "/usr/share/datasets/fashion-mnist";
  static final String USAGE = """
      usage: spark-submit --class dev.convnet.spark.FashionJob convnet-spark-job.jar [options]
        --data DIR           IDX folder: train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
                             t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz] (local or Hadoop URI;
                             default %s if present, else the examples' bundled digits)
        --net NAME           lenet5 (default), resnet, densenet, lenet1998
        --epochs N           default 5
        --batch N            global mini-batch, default 32
        --lr X               learning rate, default 0.002
        --optimizer NAME     default adamw
        --seed N             default 1 (initialization and data order)
        --shards N           partitions each mini-batch is cut into (default: Spark's default parallelism)
        --average-every K    parameter averaging every K local steps instead of synchronous steps
        --train-limit N      use only the first N training images (default all)
        --checkpoint DIR     checkpoint folder (Hadoop URI or local); a rerun resumes from it
        --checkpoint-every N also checkpoint every N steps (default: every epoch only)
        --out FILE           model file to write (Hadoop URI or local; default NET-spark.model)
        --master URL         only when not started by spark-submit (e.g. local[2])
      """.formatted(DEFAULT_DATA);

  private FashionJob() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(System.out, args));
  }

  static int run(PrintStream out, String... args) throws IOException {
    Map<String, String> o;
    NetworkChoice choice;
    try {
      o = parse(args);
      if (o.containsKey("help")) {
        out.print(USAGE);
        return 0;
      }
      choice = NetworkChoice.byName(o.getOrDefault("net", NetworkChoice.DEFAULT));
    } catch (UsageException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("convnet FashionJob");
    if (o.containsKey("master")) {
      builder.master(o.get("master")).config("spark.ui.enabled", "false");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      train(spark, o, choice, out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  static void train(SparkSession spark, Map<String, String> o, NetworkChoice choice, PrintStream out)
      throws IOException {
    int epochs = intOption(o, "epochs", 5);
    int batch = intOption(o, "batch", 32);
    double lr = Double.parseDouble(o.getOrDefault("lr", "0.002"));
    long seed = Long.parseLong(o.getOrDefault("seed", "1"));
    int shards = intOption(o, "shards", spark.sparkContext().defaultParallelism());
    int partitions = Math.max(shards, spark.sparkContext().defaultParallelism());
    TrainTest data = load(spark, o.get("data"), partitions, out);
    Dataset<Row> train = data.train();
    if (o.containsKey("train-limit")) {
      train = train.filter(train.col("index").lt(Long.parseLong(o.get("train-limit"))));
    }
    CompiledNetwork net = choice.network(seed);
    String model = o.getOrDefault("out", choice.name() + "-spark.model");
    SparkTrainer.Builder b = SparkTrainer.builder(spark).network(net)
        .loss(LossFactory.named(choice.newLoss().name()))
        .optimizer(OptimizerFactory.named(o.getOrDefault("optimizer", "adamw"), lr))
        .schedule(LearningRateSchedule.cosine(epochs, 0)).batchSize(batch).epochs(epochs).seed(seed).shards(shards)
        .averageEvery(intOption(o, "average-every", 0))
        .preprocessing(Preprocessing.mnist(choice.border())).idColumn("index")
        .listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult r) {
            out.printf(Locale.ROOT, "epoch %d: train loss %.4f, train accuracy %.2f%%, test loss %.4f, test accuracy"
                    + " %.2f%% (%.1f s)%n", r.epoch(), r.trainLoss(), 100 * r.trainAccuracy(), r.testLoss(),
                100 * r.testAccuracy(), r.seconds());
          }
        });
    if (o.containsKey("checkpoint")) {
      b.checkpoint(o.get("checkpoint"), intOption(o, "checkpoint-every", 0));
    }
    SparkTrainer trainer = b.build();
    out.printf(Locale.ROOT, "training %s (%,d parameters) on %s, %d shards%s, batch %d, %d epochs%n", net.name(),
        net.parameterCount(), spark.sparkContext().master(), trainer.shards(),
        o.containsKey("average-every") ? ", averaging every " + o.get("average-every") + " steps" : "", batch,
        epochs);
    long start = System.nanoTime();
    TrainingHistory h = trainer.fit(train, data.test());
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelSnapshot.of(net).save(model, spark.sparkContext().hadoopConfiguration());
    EpochResult last = h.last();
    out.println("model saved to " + model);
    out.printf(Locale.ROOT, "test accuracy: %.2f%% in %.1f s%n", 100 * last.testAccuracy(), seconds);
  }

  /** Train and test rows: the IDX folder given, else Fashion-MNIST where Debian installs it, else the digits. */
  @SuppressWarnings("unchecked")
  /** The training and test sets. */
  record TrainTest(Dataset<Row> train, Dataset<Row> test) {}

  static TrainTest load(SparkSession spark, String dir, int partitions, PrintStream out) throws IOException {
    String folder = dir;
    if (folder == null && Files.isDirectory(Path.of(DEFAULT_DATA))) {
      folder = DEFAULT_DATA;
    }
    if (folder == null) {
      Dataset<Row> all = SparkData.idxResource(spark, "/dev/convnet/examples/mnist-digits-10k/images-idx3-ubyte.gz",
          "/dev/convnet/examples/mnist-digits-10k/labels-idx1-ubyte.gz", partitions);
      out.println("data: the examples' bundled digits (8,000 train, 2,000 test; no " + DEFAULT_DATA + ")");
      Dataset<Row> train = all.filter(all.col("index").lt(8000));
      Dataset<Row> test = all.filter(all.col("index").geq(8000));
      return new TrainTest(train, test);
    }
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> train = SparkData.idx(spark, find(folder, "train-images-idx3-ubyte", conf),
        find(folder, "train-labels-idx1-ubyte", conf), partitions);
    Dataset<Row> test = SparkData.idx(spark, find(folder, "t10k-images-idx3-ubyte", conf),
        find(folder, "t10k-labels-idx1-ubyte", conf), partitions);
    out.println("data: " + folder);
    return new TrainTest(train, test);
  }

  private static String find(String folder, String base, org.apache.hadoop.conf.Configuration conf)
      throws IOException {
    for (String name : new String[] {base, base + ".gz"}) {
      String p = folder + "/" + name;
      if (HadoopFiles.exists(p, conf)) {
        return p;
      }
    }
    throw new IOException("no " + base + "[.gz] in " + folder);
  }

  private static int intOption(Map<String, String> o, String name, int fallback) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a whole number, got '" + v + "'");
    }
  }

  static Map<String, String> parse(String... args) throws UsageException {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        o.put("help", "");
        continue;
      }
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new UsageException("expected --option value, got '" + a + "'");
      }
      String name = a.substring(2);
      if (!USAGE.contains("--" + name + " ")) {
        throw new UsageException("unknown option " + a);
      }
      if (o.put(name, args[++i]) != null) {
        throw new UsageException("option " + a + " given twice");
      }
    }
    return o;
  }
}
