package dev.convnet.examples.digits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of the digits job. {@code train} (the default) trains and evaluates; {@code classify} loads a
 * saved model and classifies a PNG image or an IDX sample. Every option is checked here: an option that the command
 * would ignore, or that contradicts another, is an error rather than silently dropped.
 *
 * @param command    {@code train} or {@code classify}
 * @param net        the network's name
 * @param epochs     passes over the training set
 * @param batch      mini-batch size
 * @param learningRate the initial learning rate
 * @param optimizer  the optimizer's name
 * @param seed       the seed of initialization and shuffling
 * @param threads    threads sharing each batch
 * @param data       a directory of IDX files, or null for the bundled digits
 * @param out        the run folder chosen with {@code --out}, or null for a new one under {@code runs/}
 * @param model      classify: the model file
 * @param image      classify: a PNG image
 * @param idx        classify: an IDX image file
 * @param index      classify: the sample of {@code idx}
 * @param resume     a run folder to continue, or null
 * @param earlyStop  early-stopping patience in epochs, 0 for none
 * @param validation the fraction of the training set held out for validation, 0 to validate on the test set
 * @param classes    {@code --classes}: {@code digits}, {@code fashion} or a comma-separated list; null for the
 *                   data set's default
 * @param center     classify: centre a digit image as MNIST's digits were (when the model asks for it)
 * @param help       {@code -h}/{@code --help}
 * @param given      the options given on the command line, in order
 */
public record Options(String command, String net, int epochs, int batch, double learningRate, String optimizer,
                      long seed, int threads, Path data, Path out, Path model, Path image, Path idx, int index,
                      Path resume, int earlyStop, double validation, String classes, boolean center, boolean help,
                      Set<String> given) {

  public static final String USAGE = """
      usage: convnet-examples [train] [options]
             convnet-examples train --resume RUN-FOLDER
             convnet-examples classify --model FILE (--image FILE.png [--no-center] | --idx IMAGES-IDX [--index N])

      Trains a network (the seed LeNet-5 by default: C3 connection table, trainable subsampling, tanh) on handwritten
      digits or Fashion-MNIST and reports the model summary, per-epoch progress, test accuracy and a confusion matrix;
      saves the model, checkpoints and an HTML report in a run folder of its own.

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
        --classes NAMES   the class names recorded in the model: digits (0-9), fashion (Fashion-MNIST's ten) or a
                          comma-separated list; default: a classes.txt in --data (one name per line), else digits
        --val-split F     hold out the last fraction F (0 < F <= 0.5) of the training set to validate on after each
                          epoch (early stopping and best model go by it); the test set is then used once, at the end.
                          Default: validate on the test set
        --early-stop N    stop when the validation accuracy has not improved for N epochs (default: off)
        --out DIR         the run folder (new or empty); default: a new folder runs/NET-DATA-TIME
        --resume DIR      continue the run in DIR from its last checkpoint, with its settings (no other option)
      Each run folder holds NET.model (the final model: class names, input preprocessing, data set and metrics
      recorded), best.model (the epoch with the best validation accuracy), checkpoint.ckpt (written after every
      epoch and on Ctrl-C) and report.html. A lock keeps two jobs out of one folder.
      classify options:
        --model FILE      a model saved by train, from any --net (the file names its network)
        --image FILE      a PNG image (any size; dark-on-light images are inverted); a digit is centred by its centre
                          of mass in a 20×20 box as MNIST's were, when the model was trained on centred digits
        --no-center       with --image: use the image as it is, only resized to 28×28
        --idx FILE        an IDX image file, with --index N (default 0) choosing the sample
      -h, --help          this text
      """;

  private static final Set<String> TRAIN_OPTIONS = Set.of("--net", "--epochs", "--batch", "--lr", "--optimizer",
      "--seed", "--threads", "--data", "--classes", "--val-split", "--early-stop", "--out", "--resume");
  private static final Set<String> CLASSIFY_OPTIONS = Set.of("--model", "--image", "--idx", "--index",
      "--no-center");
  private static final Set<String> FLAGS = Set.of("--no-center");

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
    Path resume = null;
    int earlyStop = 0;
    double validation = 0;
    String classes = null;
    boolean center = true;
    boolean help = false;
    Set<String> given = new LinkedHashSet<>();
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
      String value = null;
      int eq = option.indexOf('=');
      if (eq > 0) {
        name = option.substring(0, eq);
        value = option.substring(eq + 1);
      }
      if (!TRAIN_OPTIONS.contains(name) && !CLASSIFY_OPTIONS.contains(name)) {
        throw new UsageException("unknown option " + name + " (see --help)");
      }
      if (!given.add(name)) {
        throw new UsageException(name + " is given twice");
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          throw new UsageException(name + " takes no value");
        }
      } else if (value == null) {
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
        case "--data" -> data = path(name, value);
        case "--classes" -> classes = ClassNames.checkSpec(value);
        case "--val-split" -> validation = fraction(name, value);
        case "--early-stop" -> earlyStop = positive(name, value);
        case "--out" -> out = path(name, value);
        case "--resume" -> resume = path(name, value);
        case "--model" -> model = path(name, value);
        case "--image" -> image = path(name, value);
        case "--idx" -> idx = path(name, value);
        case "--index" -> index = nonNegative(name, value);
        case "--no-center" -> center = false;
        default -> throw new IllegalStateException(name);
      }
    }
    Options o = new Options(command, net, epochs, batch, lr, optimizer, seed, threads, data, out, model, image, idx,
        index, resume, earlyStop, validation, classes, center, help, Set.copyOf(given));
    if (!help) {
      o.checkConsistent();
    }
    return o;
  }

  /** Rejects options the command would ignore and options that contradict each other. */
  private void checkConsistent() throws UsageException {
    if (command.equals("classify")) {
      for (String g : given) {
        if (!CLASSIFY_OPTIONS.contains(g)) {
          throw new UsageException(g + " is a training option; classify takes --model, --image [--no-center] or"
              + " --idx [--index N]");
        }
      }
      if (model == null) {
        throw new UsageException("classify needs --model FILE (a model saved by train)");
      }
      if ((image == null) == (idx == null)) {
        throw new UsageException("classify needs exactly one of --image FILE.png or --idx IMAGES-IDX");
      }
      if (given.contains("--index") && idx == null) {
        throw new UsageException("--index chooses a sample of --idx; it means nothing with --image");
      }
      if (given.contains("--no-center") && image == null) {
        throw new UsageException("--no-center applies to --image; IDX samples are used as they are");
      }
      return;
    }
    for (String g : given) {
      if (CLASSIFY_OPTIONS.contains(g)) {
        throw new UsageException(g + " is a classify option; use: convnet-examples classify --model FILE ...");
      }
    }
    if (resume != null && given.size() > 1) {
      List<String> others = new ArrayList<>(given);
      others.remove("--resume");
      throw new UsageException("--resume continues a run with the settings saved in its checkpoint; remove "
          + String.join(", ", others) + " (a resumed run cannot change them)");
    }
    if (earlyStop > 0 && earlyStop >= epochs && given.contains("--epochs")) {
      throw new UsageException("--early-stop " + earlyStop + " can never stop a run of " + epochs
          + " epochs; give a patience below --epochs");
    }
  }

  private static Path path(String name, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(name + " needs a path, got an empty value");
    }
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(name + " '" + value + "' is not a valid path: " + e.getReason());
    }
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

  private static double real(String name, String value) throws UsageException {
    double x;
    try {
      x = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " takes a number, got '" + value + "'");
    }
    if (Double.isNaN(x)) {
      throw new UsageException(name + " must be a number, got " + value);
    }
    if (Double.isInfinite(x)) {
      throw new UsageException(name + " " + value + " is not a finite number"
          + (value.toLowerCase(Locale.ROOT).contains("inf") ? "" : " (it overflows a double, whose largest value"
          + " is about 1.8e308)"));
    }
    return x;
  }

  private static double positiveReal(String name, String value) throws UsageException {
    double x = real(name, value);
    if (!(x > 0)) {
      throw new UsageException(name + " must be a positive number, got " + value
          + (x == 0 && !value.matches("[-+]?0*\\.?0*([eE].*)?") ? " (it underflows to 0)" : ""));
    }
    return x;
  }

  private static double fraction(String name, String value) throws UsageException {
    double x = real(name, value);
    if (!(x > 0 && x <= 0.5)) {
      throw new UsageException(name + " must be a fraction above 0 and at most 0.5, got " + value);
    }
    return x;
  }
}
