package dev.convnet.examples.digits;

import dev.convnet.examples.report.EpochPoint;
import dev.convnet.examples.report.FeatureMaps;
import dev.convnet.examples.report.TrainingReport;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.internal.Vectorization;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.train.Evaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job: trains a network ({@code --net}: the seed LeNet-5 by default, see {@link NetworkChoice}) on
 * handwritten digits (the bundled 10,000 MNIST digits by default) and shows the model summary, a progress bar,
 * per-epoch results, a confusion matrix and the test accuracy; saves the model, checkpoints and an HTML report in a
 * run folder of its own ({@link TrainCommand}). {@code classify} loads a saved model and classifies a PNG or an IDX
 * sample ({@link ClassifyCommand}).
 */
public final class DigitsMain {
  private DigitsMain() {}

  public static void main(String[] args) {
    if (VectorRelaunch.wanted()) {
      int status;
      try {
        status = VectorRelaunch.run(args);
      } catch (IOException e) {
        System.err.println("error: cannot start the job with the Vector API (" + e.getMessage() + "); run java with"
            + " --add-modules " + VectorRelaunch.MODULE + ", or -D" + Vectorization.PROPERTY + "=false");
        status = 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 130;
      }
      System.exit(status);
      return;
    }
    VectorRelaunch.watchParent();
    Interrupts.install();
    int status = run(System.out, args);
    System.out.flush();
    boolean interrupted = Interrupts.interrupted();
    Interrupts.done();
    if (!interrupted) {
      System.exit(status);
    }
    // an interrupt is shutting the JVM down: it exits with the signal's status once the hook returns
  }

  /** Runs the command line; returns the exit status (0 ok, 1 failure, 2 usage error, 130 interrupted). */
  public static int run(PrintStream out, String... args) {
    try {
      Options o = Options.parse(args);
      if (o.help()) {
        out.print(Options.USAGE);
        return 0;
      }
      if (o.command().equals("classify")) {
        ClassifyCommand.run(o, out);
        return 0;
      }
      return TrainCommand.run(o, out);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
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

  static void writeReport(CompiledNetwork net, Loss loss, Dataset test, Evaluation eval, List<EpochPoint> points,
                          TrainCommand.Settings o, String data, double seconds, Path file) throws IOException {
    List<String> labels = o.classes();
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
    if (o.validation() > 0) {
      settings.put("validation split", o.validation());
    }
    if (o.earlyStop() > 0) {
      settings.put("early stopping patience", o.earlyStop());
    }
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
}
