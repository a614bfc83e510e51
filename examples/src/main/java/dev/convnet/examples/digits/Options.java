package dev.convnet.examples.digits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the digits job. {@code train} (the default) trains and evaluates; {@code classify} loads a
 * saved model and classifies a PNG image or an IDX sample.
 */
public record Options(String command, String net, int epochs, int batch, double learningRate, String optimizer, long seed,
                      int threads, Path data, Path out, Path model, Path image, Path idx, int index, boolean help) {

  public static final String USAGE = """
      usage: convnet-examples [train] [options]
             convnet-examples classify --model FILE (--image FILE.png | --idx IMAGES-IDX [--index N])

      Trains a network (the seed LeNet-5 by default: C3 connection table, trainable subsampling, tanh) on handwritten
      digits or Fashion-MNIST and reports the model summary, per-epoch progress, test accuracy and a confusion matrix;
      saves the model and an HTML report.

      train options:
        --net NAME        the network (default lenet5):
                            lenet5     LeNet-5, C3 connection table, tanh, 10 logits, softmax cross-entropy
                            lenet1998  LeNet-5 exactly as in LeCun et al. 1998: scaled tanh, RBF output units with
                                       fixed 7×12 digit bitmaps, MAP loss (rbf-map); predicts the smallest penalty
                            resnet     a small ResNet (28×28 input): 5×5 stride-2 stem, 3 stages of basic blocks
                                       (16/32/64 maps), batch norm, global average pooling, dropout (use --batch 32
                                       or more with batch norm)
                            densenet   a small DenseNet-BC (28×28 input): 3 dense blocks of 4 layers, growth 12,
                                       transitions, batch norm, global average pooling, dropout (use --batch 32 or
                                       more)
        --epochs N        passes over the training set (default 10)
        --batch N         mini-batch size (default 8)
        --lr X            initial learning rate, annealed to 0 on a cosine over the epochs (default 0.001)
        --optimizer NAME  sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (default adamw, weight decay 0.01)
        --seed N          seed for initialization and shuffling (default 1)
        --threads N       threads sharing each training batch (default 1; results are reproducible per seed and thread count)
        --data DIR        a directory of IDX files: train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
                          t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz] (MNIST or Fashion-MNIST, e.g.
                          /usr/share/datasets/fashion-mnist after 'apt-get install dataset-fashion-mnist'), or
                          images-idx3-ubyte[.gz] and labels-idx1-ubyte[.gz] split 80/20; default: the bundled
                          10,000 MNIST digits (first 8,000 train, last 2,000 test)
        --out DIR         where to write NAME.model and report.html (default ./NAME-out, e.g. ./lenet5-out)
      classify options:
        --model FILE      a model saved by train, from any --net (the file names its network)
        --image FILE      a PNG image of a digit (any size; dark-on-light images are inverted)
        --idx FILE        an IDX image file, with --index N (default 0) choosing the sample
      -h, --help          this text
      """;

  public static Options parse(String... args) throws UsageException {
    List<String> rest = new ArrayList<>(List.of(args));
    String command = "train";
    if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
      command = rest.remove(0);
      if (!command.equals("train") && !command.equals("classify")) {
        throw new UsageException("unknown command '" + command + "'; use 'train' or 'classify' (see --help)");
      }
    }
    String net = NetworkChoice.DEFAULT;
    int epochs = 10;
    int batch = 8;
    double lr = 0.001;
    String optimizer = "adamw";
    long seed = 1;
    int threads = 1;
    Path data = null;
    Path out = null;
    Path model = null;
    Path image = null;
    Path idx = null;
    int index = 0;
    boolean help = false;
    for (int i = 0; i < rest.size(); i++) {
      String option = rest.get(i);
      if (option.equals("-h") || option.equals("--help")) {
        help = true;
        continue;
      }
      if (!option.startsWith("--")) {
        throw new UsageException("unexpected argument '" + option + "'; options start with -- (see --help)");
      }
      String name = option;
      String value;
      int eq = option.indexOf('=');
      if (eq > 0) {
        name = option.substring(0, eq);
        value = option.substring(eq + 1);
      } else {
        if (i + 1 >= rest.size()) {
          throw new UsageException(option + " needs a value (see --help)");
        }
        value = rest.get(++i);
      }
      switch (name) {
        case "--net" -> net = NetworkChoice.byName(value).name();
        case "--epochs" -> epochs = positive(name, value);
        case "--batch" -> batch = positive(name, value);
        case "--lr" -> lr = positiveReal(name, value);
        case "--optimizer" -> optimizer = value.toLowerCase(Locale.ROOT);
        case "--seed" -> seed = integer(name, value);
        case "--threads" -> threads = positive(name, value);
        case "--data" -> data = Path.of(value);
        case "--out" -> out = Path.of(value);
        case "--model" -> model = Path.of(value);
        case "--image" -> image = Path.of(value);
        case "--idx" -> idx = Path.of(value);
        case "--index" -> index = nonNegative(name, value);
        default -> throw new UsageException("unknown option " + name + " (see --help)");
      }
    }
    if (!help && command.equals("classify")) {
      if (model == null) {
        throw new UsageException("classify needs --model FILE (a model saved by train)");
      }
      if ((image == null) == (idx == null)) {
        throw new UsageException("classify needs exactly one of --image FILE.png or --idx IMAGES-IDX");
      }
    }
    if (out == null) {
      out = Path.of(net + "-out");
    }
    return new Options(command, net, epochs, batch, lr, optimizer, seed, threads, data, out, model, image, idx, index,
        help);
  }

  private static long integer(String name, String value) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " takes a whole number, got '" + value + "'");
    }
  }

  private static int positive(String name, String value) throws UsageException {
    long n = integer(name, value);
    if (n <= 0 || n > 1_000_000) {
      throw new UsageException(name + " must be a whole number from 1 to 1,000,000, got " + value);
    }
    return (int) n;
  }

  private static int nonNegative(String name, String value) throws UsageException {
    long n = integer(name, value);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new UsageException(name + " must be a whole number ≥ 0, got " + value);
    }
    return (int) n;
  }

  private static double positiveReal(String name, String value) throws UsageException {
    double x;
    try {
      x = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " takes a number, got '" + value + "'");
    }
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new UsageException(name + " must be a positive number, got " + value);
    }
    return x;
  }
}
