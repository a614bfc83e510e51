package dev.convnet.examples.digits;

import dev.convnet.examples.report.EpochPoint;
import dev.convnet.examples.report.FeatureMaps;
import dev.convnet.examples.report.Png;
import dev.convnet.examples.report.TrainingReport;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import dev.convnet.runtime.data.IdxImages;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.io.ModelFileInfo;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.Evaluation;
import dev.convnet.runtime.train.ProgressBar;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job: trains a network ({@code --net}: the seed LeNet-5 by default, see {@link NetworkChoice}) on handwritten digits (the bundled 10,000 MNIST digits by default) and shows
 * the model summary, a progress bar, per-epoch results, a confusion matrix and the test accuracy; saves the model and
 * an HTML report. {@code classify} loads a saved model and classifies a PNG or an IDX sample.
 */
public final class DigitsMain {
  private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private DigitsMain() {}

  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  /** Runs the command line; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(PrintStream out, String... args) {
    try {
      Options o = Options.parse(args);
      if (o.help()) {
        out.print(Options.USAGE);
        return 0;
      }
      if (o.command().equals("classify")) {
        classify(o, out);
      } else {
        train(o, out);
      }
      return 0;
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  static void train(Options o, PrintStream out) throws IOException, UsageException {
    if (!Optimizers.names().contains(o.optimizer())) {
      throw new UsageException("unknown optimizer '" + o.optimizer() + "'; use one of " + Optimizers.names());
    }
    NetworkChoice choice = NetworkChoice.byName(o.net());
    DataSets.Split data = DataSets.load(o.data());
    Dataset train = prepare(data.train(), choice.border());
    Dataset test = prepare(data.test(), choice.border());
    List<String> labels = o.data() != null && o.data().toString().toLowerCase(Locale.ROOT).contains("fashion")
        ? FASHION : DIGITS;
    CompiledNetwork net = choice.network(o.seed());
    Loss loss = choice.newLoss();
    out.println("data: " + data.description());
    out.print(Summary.of(net));
    List<EpochPoint> points = new ArrayList<>();
    ProgressBar bar = new ProgressBar(out, System.console() != null);
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int samples) {
        bar.onEpochStart(epoch, epochs, samples);
      }

      @Override
      public void onBatch(int epoch, int samplesDone, int samplesTotal, double runningLoss, long elapsedNanos) {
        bar.onBatch(epoch, samplesDone, samplesTotal, runningLoss, elapsedNanos);
      }

      @Override
      public void onEpochEnd(EpochResult r) {
        bar.onEpochEnd(r);
        points.add(new EpochPoint(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(),
            r.seconds()));
      }
    };
    Trainer trainer = Trainer.builder().network(net).loss(loss)
        .optimizer(Optimizers.create(o.optimizer(), o.learningRate())).schedule(LearningRateSchedule.cosine(o.epochs(), 0))
        .batchSize(o.batch()).epochs(o.epochs()).threads(o.threads())
        .seed(o.seed()).listener(listener).build();
    long start = System.nanoTime();
    trainer.fit(train, test);
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation eval = trainer.evaluator().evaluate(test);
    out.println();
    out.print(confusion(eval.confusion(), labels));
    Files.createDirectories(o.out());
    Path model = o.out().resolve(choice.name() + ".model");
    ModelFile.save(net, model);
    Path report = o.out().resolve("report.html");
    writeReport(net, loss, test, eval, points, labels, seconds, o, data.description(), report);
    out.println("model saved to " + model);
    out.println("report written to " + report);
    out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d/%d) in %.1f s%n", 100.0 * eval.accuracy(), eval.correct(),
        eval.samples(), seconds);
  }

  /** MNIST's pixel mean and standard deviation: inputs are standardized, as LeCun et al. do for tanh units. */
  static final float MEAN = 0.1307f;
  static final float STD = 0.3081f;

  /** 28×28 images in [0, 1] → 32×32 (a 2-pixel border, as in the paper) standardized to mean 0, variance 1. */
  static Dataset prepare(Dataset images) {
    return prepare(images, 2);
  }

  /** 28×28 images in [0, 1] with a zero border of {@code border} pixels, standardized to mean 0, variance 1. */
  static Dataset prepare(Dataset images, int border) {
    Dataset framed = border == 0 ? images : images.padded(border);
    return framed.scaled(1 / STD, -MEAN / STD);
  }

  static String confusion(int[][] m, List<String> labels) {
    StringBuilder b = new StringBuilder("confusion matrix (rows: true class, columns: predicted)\n      ");
    for (int j = 0; j < m.length; j++) {
      b.append(String.format(Locale.ROOT, "%6d", j));
    }
    b.append("   recall\n");
    for (int i = 0; i < m.length; i++) {
      b.append(String.format(Locale.ROOT, "%6d", i));
      int total = 0;
      for (int j = 0; j < m.length; j++) {
        b.append(String.format(Locale.ROOT, "%6d", m[i][j]));
        total += m[i][j];
      }
      b.append(String.format(Locale.ROOT, "   %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * m[i][i] / total,
          labels.get(i)));
    }
    return b.toString();
  }

  private static void writeReport(CompiledNetwork net, Loss loss, Dataset test, Evaluation eval, List<EpochPoint> points,
                                  List<String> labels, double seconds, Options o, String data, Path file)
      throws IOException {
    float[] sample = test.sample(0);
    net.setTraining(false);
    float[] output = net.forward(sample, 1);
    int predicted = loss.predict(output, 0, net.outputSize());
    List<FeatureMaps> maps = new ArrayList<>();
    FeatureMaps input = null;
    for (LayerInfo l : net.layers()) {
      if (l.name().contains("_")) {
        continue; // a layer inside a block (use_layer): the report shows the blocks' outputs
      }
      FeatureMaps f = new FeatureMaps(l.name(), l.outputShape(), net.layerOutput(l.name()));
      if (input == null) {
        input = f;
      } else {
        maps.add(f);
      }
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("network", o.net());
    settings.put("data", data);
    settings.put("epochs", o.epochs());
    settings.put("batch", o.batch());
    settings.put("optimizer", o.optimizer());
    settings.put("learning rate", o.learningRate() + ", cosine annealing to 0");
    settings.put("seed", o.seed());
    settings.put("threads", o.threads());
    TrainingReport.Builder report = TrainingReport.builder(net.name()).history(points).model(net.layers());
    ParamSlot first = firstKernels(net);
    if (first != null) {
      int[] s = first.shape();
      report.filters(first.layer(), Arrays.copyOfRange(net.parameters().data(), first.offset(),
          first.offset() + first.length()), s[0], s[1], s[2], s[3]);
    }
    report
        .sample(input, labels.get(test.label(0)), labels.get(predicted), maps)
        .confusion(eval.confusion(), labels).testAccuracy(eval.accuracy()).trainingSeconds(seconds)
        .settings(settings).build().write(file);
  }

  /** The first convolution's kernels, {@code [filters, inputs, kh, kw]} (null when there is none stored densely). */
  private static ParamSlot firstKernels(CompiledNetwork net) {
    for (ParamSlot s : net.layout().slots()) {
      if (s.role() == ParamSlot.Role.WEIGHT && s.shape().length == 4 && s.length() == s.denseLength()) {
        return s;
      }
    }
    return null;
  }

  static int argmax(float[] v, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  static void classify(Options o, PrintStream out) throws IOException, UsageException {
    ModelFileInfo info = ModelFile.inspect(o.model());
    NetworkChoice choice = NetworkChoice.forModel(info);
    if (choice == null) {
      throw new UsageException(o.model() + " holds network '" + info.network() + "' (fingerprint "
          + info.fingerprint() + "), which is none of this job's networks (" + String.join(", ",
          NetworkChoice.names()) + ") as built now");
    }
    CompiledNetwork net = choice.network();
    ModelFile.load(net, o.model());
    net.setTraining(false); // batch norm from the saved running statistics, dropout off
    Loss loss = choice.newLoss();
    float[] digit;
    String source;
    if (o.image() != null) {
      digit = Png.readGrayscale(o.image(), 28, 28);
      source = o.image().toString();
    } else {
      IdxImages images = Idx.readImages(o.idx());
      if (o.index() >= images.count()) {
        throw new UsageException("--index " + o.index() + " is past the " + images.count() + " images in "
            + o.idx());
      }
      if (images.rows() != 28 || images.cols() != 28) {
        throw new UsageException(o.idx() + " holds " + images.rows() + "×" + images.cols()
            + " images; the networks here read 28×28 images");
      }
      float[] all = images.scaledPixels();
      digit = java.util.Arrays.copyOfRange(all, o.index() * 784, (o.index() + 1) * 784);
      source = o.idx() + " #" + o.index();
    }
    Dataset one = prepare(new Dataset(digit, new int[] {0}, dev.convnet.runtime.Shape.map(1, 28, 28)),
        choice.border());
    float[] outputs = net.predict(one.sample(0));
    // Class probabilities: softmax of the logits, or of the negated penalties for RBF outputs (smaller is better).
    float[] logits = outputs.clone();
    if (choice.penalties()) {
      for (int i = 0; i < logits.length; i++) {
        logits[i] = -logits[i];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    int best = loss.predict(outputs, 0, outputs.length);
    out.printf(Locale.ROOT, "%s: %d (probability %.1f%%, network %s)%n", source, best, 100 * p[best] / sum,
        choice.name());
    for (int i = 0; i < p.length; i++) {
      out.printf(Locale.ROOT, "  %d %5.1f%%%n", i, 100 * p[i] / sum);
    }
  }
}
