package dev.convnet.examples.digits;

import dev.convnet.examples.report.Png;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import dev.convnet.runtime.data.IdxImages;
import dev.convnet.runtime.data.Preprocessing;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.io.ModelFileInfo;
import dev.convnet.runtime.io.ModelMetadata;
import dev.convnet.runtime.loss.Loss;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code classify}: loads a model, applies the preprocessing its file records (a model file older than version 3
 * gets this job's: MNIST's mean and standard deviation and the network's border), centres a digit image as MNIST's
 * were when the model was trained on digits, and prints the class names with their probabilities.
 */
final class ClassifyCommand {
  private ClassifyCommand() {}

  /** A loaded model: the network, its loss (for the prediction rule), what the file says and how to feed it. */
  record Model(NetworkChoice choice, CompiledNetwork net, Loss loss, ModelMetadata metadata,
               Preprocessing preprocessing, String note) {
    static Model load(Path file) throws IOException, UsageException {
      ModelFileInfo info = ModelFile.inspect(file);
      NetworkChoice choice = NetworkChoice.forModel(info);
      if (choice == null) {
        throw new UsageException(file + " holds network '" + info.network() + "' (fingerprint "
            + info.fingerprint() + "), which is none of this job's networks (" + String.join(", ",
            NetworkChoice.names()) + ") as built now");
      }
      CompiledNetwork net = choice.network();
      ModelFile.load(net, file);
      net.setTraining(false); // batch norm from the saved running statistics, dropout off
      ModelMetadata metadata = info.metadata();
      Preprocessing p = metadata.preprocessing();
      String note = "";
      if (p == null) {
        p = new Preprocessing(choice.border(), DigitsMain.MEAN, DigitsMain.STD, Preprocessing.MNIST_CENTERING);
        note = "note: " + file + " (format version " + info.version() + ") records no class names or"
            + " preprocessing; using digits 0-9, MNIST's mean and std and a border of " + choice.border();
      }
      if (p.padding() != choice.border()) {
        throw new UsageException(file + " records a padding of " + p.padding() + " but network " + choice.name()
            + " needs " + choice.border() + " around a 28×28 image");
      }
      return new Model(choice, net, choice.newLoss(), metadata, p, note);
    }

    /** The output for one raw 28×28 image (pixels in [0, 1]). */
    float[] outputs(float[] image) {
      Dataset one = preprocessing.apply(new Dataset(image, new int[] {0}, Shape.map(1, 28, 28)));
      return net.predict(one.sample(0));
    }

    /** The predicted class of one raw 28×28 image. */
    int predict(float[] image) {
      float[] y = outputs(image);
      return loss.predict(y, 0, y.length);
    }

    /** The image of a PNG as the model is to be fed: centred as MNIST's digits when the model asks for it. */
    float[] read(Path png, boolean center) throws IOException {
      Png.Ink ink = Png.readInk(png);
      return center && preprocessing.centersDigits() ? DigitCentering.center(ink) : DigitCentering.resized(ink);
    }
  }

  static void run(Options o, PrintStream out) throws IOException, UsageException {
    Model model = Model.load(o.model());
    if (!model.note().isEmpty()) {
      System.err.println(model.note());
    }
    float[] image;
    String source;
    if (o.image() != null) {
      image = model.read(o.image(), o.center());
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
      image = Arrays.copyOfRange(all, o.index() * 784, (o.index() + 1) * 784);
      source = o.idx() + " #" + o.index();
    }
    float[] outputs = model.outputs(image);
    double[] p = probabilities(outputs, model.choice().penalties());
    int best = model.loss().predict(outputs, 0, outputs.length);
    ModelMetadata m = model.metadata();
    out.printf(Locale.ROOT, "%s: %s (probability %.1f%%, class %d, network %s)%n", source, m.className(best),
        100 * p[best], best, model.choice().name());
    for (int i = 0; i < p.length; i++) {
      out.printf(Locale.ROOT, "  %2d %-12s %5.1f%%%n", i, m.className(i), 100 * p[i]);
    }
  }

  /** Class probabilities: softmax of the logits, or of the negated penalties for RBF outputs (smaller is better). */
  static double[] probabilities(float[] outputs, boolean penalties) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : outputs) {
      max = Math.max(max, penalties ? -v : v);
    }
    double sum = 0;
    double[] p = new double[outputs.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((penalties ? -outputs[i] : outputs[i]) - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
