package dev.convnet.examples.digits;

import dev.convnet.examples.report.EpochPoint;
import dev.convnet.examples.report.Png;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Preprocessing;
import dev.convnet.runtime.internal.Vectorization;
import dev.convnet.runtime.io.AtomicFile;
import dev.convnet.runtime.io.Checkpoint;
import dev.convnet.runtime.io.CheckpointFile;
import dev.convnet.runtime.io.CheckpointWriter;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.io.ModelMetadata;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.Evaluation;
import dev.convnet.runtime.train.ProgressBar;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingHistory;
import dev.convnet.runtime.train.TrainingListener;
import dev.convnet.runtime.train.TrainingState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code train}: checks the options, the data and the run folder before any training; trains with a checkpoint after
 * every epoch and on an interrupt; keeps the best model; writes the final model (with its class names,
 * preprocessing, data set and metrics), the report and the summary. {@code train --resume DIR} continues a run from
 * its checkpoint with the settings saved in it and ends with the same files as an uninterrupted run.
 */
final class TrainCommand {
  /** The system property that slows model saves down, for the kill tests. */
  static final String SLOW_SAVE = "convnet.test.slowSaveMillis";
  /** Exit status of a run stopped by an interrupt (128 + SIGINT), after its checkpoint was written. */
  static final int INTERRUPTED = 130;

  private TrainCommand() {}

  static int run(Options options, PrintStream out) throws IOException, UsageException {
    // Image encoding initializes AWT and ImageIO, which register shutdown hooks of their own: done now, an interrupt
    // during the final save no longer stops the report with "Shutdown in progress".
    ImageIO.setUseCache(false);
    Png.encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
    if (options.resume() != null) {
      return resume(options.resume(), out);
    }
    return start(options, out);
  }

  /** The settings a run is made of: what a checkpoint keeps so that {@code --resume} rebuilds the same run. */
  record Settings(String net, int epochs, int batch, double learningRate, String optimizer, long seed, int threads,
                  String data, List<String> classes, double validation, int earlyStop) {
    Map<String, String> toProperties() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("net", net);
      p.put("epochs", Integer.toString(epochs));
      p.put("batch", Integer.toString(batch));
      p.put("lr", Double.toString(learningRate));
      p.put("optimizer", optimizer);
      p.put("seed", Long.toString(seed));
      p.put("threads", Integer.toString(threads));
      p.put("data", data);
      p.put("classes", String.join("\n", classes));
      p.put("val-split", Double.toString(validation));
      p.put("early-stop", Integer.toString(earlyStop));
      return p;
    }

    static Settings fromProperties(Path file, Map<String, String> p) throws UsageException {
      try {
        return new Settings(req(p, "net"), Integer.parseInt(req(p, "epochs")), Integer.parseInt(req(p, "batch")),
            Double.parseDouble(req(p, "lr")), req(p, "optimizer"), Long.parseLong(req(p, "seed")),
            Integer.parseInt(req(p, "threads")), req(p, "data"), List.of(req(p, "classes").split("\n", -1)),
            Double.parseDouble(req(p, "val-split")), Integer.parseInt(req(p, "early-stop")));
      } catch (NumberFormatException | NullPointerException e) {
        throw new UsageException(file + " holds no complete settings of this job (" + e.getMessage() + "); it was"
            + " not written by 'convnet-examples train'");
      }
    }

    private static String req(Map<String, String> p, String key) {
      String v = p.get(key);
      if (v == null) {
        throw new NullPointerException("no '" + key + "'");
      }
      return v;
    }
  }

  /** The job's line saying which kernels the networks run: the Vector API's (and its lanes) or the plain ones. */
  static String kernels() {
    if (Vectorization.enabled()) {
      return "kernels: Vector API (" + Vectorization.MODULE + ", " + Vectorization.lanes() + " float lanes)";
    }
    return Vectorization.switchedOff() ? "kernels: plain Java (-D" + Vectorization.PROPERTY + "=false)"
        : "kernels: plain Java (this JVM does not read " + Vectorization.MODULE + ")";
  }

  private static int start(Options o, PrintStream out) throws IOException, UsageException {
    if (!Optimizers.names().contains(o.optimizer())) {
      throw new UsageException("unknown optimizer '" + o.optimizer() + "'; use one of " + Optimizers.names());
    }
    NetworkChoice choice = NetworkChoice.byName(o.net());
    Path data = o.data() == null ? null : o.data().toAbsolutePath().normalize();
    DataSets.Split split = DataSets.load(data);
    List<String> classes = ClassNames.resolve(o.classes(), data, choice.network().outputSize());
    Settings s = new Settings(choice.name(), o.epochs(), o.batch(), o.learningRate(), o.optimizer(), o.seed(),
        o.threads(), data == null ? "" : data.toString(), classes, o.validation(), o.earlyStop());
    Job job = new Job(s, choice, split, out);
    String dataName = data == null ? "digits10k" : data.getFileName() == null ? "data" : data.getFileName()
        .toString();
    try (RunFolder folder = RunFolder.create(o.out(), choice.name(), dataName, job.bytesNeeded())) {
      if (o.classes() == null && data != null && classes == ClassNames.DIGITS) {
        out.println("class names: 0-9 (digits); for other data give --classes or put a " + ClassNames.FILE
            + " in " + data);
      }
      return job.train(folder, null);
    }
  }

  private static int resume(Path dir, PrintStream out) throws IOException, UsageException {
    try (RunFolder folder = RunFolder.resume(dir)) {
      Path file = folder.resolve(RunFolder.CHECKPOINT);
      Checkpoint checkpoint = CheckpointFile.load(file);
      Settings s = Settings.fromProperties(file, checkpoint.properties());
      NetworkChoice choice = NetworkChoice.byName(s.net());
      DataSets.Split split = DataSets.load(s.data().isEmpty() ? null : Path.of(s.data()));
      TrainingState state = checkpoint.training();
      Job job = new Job(s, choice, split, out);
      if (state.epoch() >= s.epochs() || job.earlyStopped(state)) {
        throw new UsageException("the run in " + dir + " is complete (" + state.epoch() + " of " + s.epochs()
            + " epochs); its model is " + folder.resolve(choice.name() + ".model"));
      }
      out.printf(Locale.ROOT, "resuming %s at epoch %d, batch %d (settings from %s)%n", dir, state.epoch() + 1,
          state.batch(), file);
      return job.train(folder, checkpoint);
    }
  }

  /** One training run: its settings, network, data, optimizer and trainer. */
  private static final class Job {
    final Settings s;
    final NetworkChoice choice;
    final String dataDescription;
    final Dataset train;
    final Dataset validation;
    final Dataset test;
    final CompiledNetwork net;
    final Loss loss;
    final Optimizer optimizer;
    final Preprocessing preprocessing;
    final PrintStream out;

    Job(Settings s, NetworkChoice choice, DataSets.Split split, PrintStream out) {
      this.out = out;
      this.s = s;
      this.choice = choice;
      this.dataDescription = split.description();
      this.preprocessing = new Preprocessing(choice.border(), DigitsMain.MEAN, DigitsMain.STD,
          s.classes().equals(ClassNames.DIGITS) ? Preprocessing.MNIST_CENTERING : Preprocessing.NO_CENTERING);
      Dataset all = preprocessing.apply(split.train());
      if (s.validation() > 0) {
        int cut = all.size() - (int) Math.round(all.size() * s.validation());
        this.train = all.slice(0, cut);
        this.validation = all.slice(cut, all.size());
      } else {
        this.train = all;
        this.validation = null;
      }
      this.test = preprocessing.apply(split.test());
      this.net = choice.network(s.seed());
      this.loss = choice.newLoss();
      this.optimizer = Optimizers.create(s.optimizer(), s.learningRate());
    }

    boolean earlyStopped(TrainingState state) {
      return s.earlyStop() > 0 && state.batch() == 0
          && state.epoch() - TrainingState.bestEpoch(state.history()) >= s.earlyStop();
    }

    /** What the run writes: model, best model, checkpoint (parameters and optimizer state, data order), report. */
    long bytesNeeded() {
      long values = net.parameters().data().length + (long) net.parameters().buffers().length;
      return 4 * values * 10 + 4L * train.size() * 2 + (8L << 20);
    }

    /** The validation set: the held-out part of the training set, or else the test set. */
    Dataset watched() {
      return validation != null ? validation : test;
    }

    String watchedName() {
      return validation != null ? "validation" : "test";
    }

    ModelMetadata metadata(Map<String, Double> metrics) {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put("net", s.net());
      extra.put("optimizer", optimizer.toString());
      extra.put("epochs", Integer.toString(s.epochs()));
      extra.put("batch", Integer.toString(s.batch()));
      extra.put("seed", Long.toString(s.seed()));
      return new ModelMetadata(s.classes(), preprocessing, dataDescription, metrics, extra);
    }

    int train(RunFolder folder, Checkpoint checkpoint) throws IOException, UsageException {
      if (checkpoint != null) {
        checkpoint.restore(net, optimizer);
      }
      out.println("data: " + dataDescription + (validation != null ? String.format(Locale.ROOT,
          "; validating on the last %d training samples", validation.size()) : ""));
      out.println("run folder: " + folder.dir());
      out.println(kernels());
      out.print(Summary.of(net));
      List<EpochPoint> points = new ArrayList<>();
      if (checkpoint != null) {
        checkpoint.training().history().forEach(r -> points.add(point(r)));
      }
      ProgressBar bar = new ProgressBar(out, System.console() != null);
      Map<String, String> properties = s.toProperties();
      CheckpointWriter checkpoints = new CheckpointWriter(net, optimizer, folder.resolve(RunFolder.CHECKPOINT),
          properties);
      Path bestFile = folder.resolve(RunFolder.BEST);
      TrainingListener listener = new TrainingListener() {
        @Override
        public void onEpochStart(int epoch, int epochs, int samples) {
          bar.onEpochStart(epoch, epochs, samples);
        }

        @Override
        public void onBatch(int epoch, int done, int total, double runningLoss, long elapsedNanos) {
          bar.onBatch(epoch, done, total, runningLoss, elapsedNanos);
        }

        @Override
        public void onEpochEnd(EpochResult r) {
          bar.onEpochEnd(r);
          points.add(point(r));
        }

        @Override
        public void onCheckpoint(TrainingState state) {
          checkpoints.onCheckpoint(state);
          if (state.lastEpochIsBest()) {
            EpochResult r = state.history().get(state.epoch() - 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(watchedName() + "_accuracy", r.testAccuracy());
            metrics.put(watchedName() + "_loss", r.testLoss());
            metrics.put("epoch", (double) r.epoch());
            try {
              saveModel(bestFile, metadata(metrics));
            } catch (IOException e) {
              throw new UncheckedIOException("cannot write " + bestFile + ": " + e.getMessage(), e);
            }
          }
        }
      };
      Trainer trainer = Trainer.builder().network(net).loss(loss).optimizer(optimizer)
          .schedule(LearningRateSchedule.cosine(s.epochs(), 0)).batchSize(s.batch()).epochs(s.epochs())
          .threads(s.threads()).seed(s.seed()).earlyStopping(s.earlyStop()).listener(listener).build();
      long start = System.nanoTime();
      TrainingHistory history;
      Interrupts.onInterrupt(trainer::requestStop);
      try {
        if (Interrupts.interrupted()) {
          throw new UsageException("interrupted before training started; nothing was trained");
        }
        history = trainer.fit(train, watched(), checkpoint == null ? null : checkpoint.training());
      } finally {
        Interrupts.onInterrupt(null);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (history.status() == TrainingHistory.Status.STOPPED) {
        out.println();
        out.printf(Locale.ROOT, "interrupted: checkpoint saved to %s; continue with: java -jar"
            + " examples/target/convnet-examples.jar --resume %s%n", checkpoints.file(), folder.dir());
        return INTERRUPTED;
      }
      if (history.status() == TrainingHistory.Status.EARLY_STOPPED) {
        EpochResult best = history.epochs().get(history.bestEpoch() - 1);
        out.printf(Locale.ROOT, "early stopping after epoch %d: %s accuracy has not improved for %d epochs (best:"
            + " %.2f%% in epoch %d, saved as %s)%n", history.last().epoch(), watchedName(), s.earlyStop(),
            100 * best.testAccuracy(), best.epoch(), bestFile);
      }
      net.setTraining(false);
      Evaluation eval = trainer.evaluator().evaluate(test);
      out.println();
      out.print(DigitsMain.confusion(eval.confusion(), s.classes()));
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("test_accuracy", eval.accuracy());
      metrics.put("test_loss", eval.loss());
      if (validation != null) {
        metrics.put("validation_accuracy", history.last().testAccuracy());
      }
      metrics.put("epochs_trained", (double) history.epochs().size());
      Path model = folder.resolve(choice.name() + ".model");
      saveModel(model, metadata(metrics));
      Path report = folder.resolve(RunFolder.REPORT);
      DigitsMain.writeReport(net, loss, test, eval, points, s, dataDescription, seconds, report);
      out.println("model saved to " + model);
      out.println("report written to " + report);
      out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d/%d) in %.1f s%n", 100.0 * eval.accuracy(), eval.correct(),
          eval.samples(), seconds);
      return 0;
    }

    /**
     * Saves the network with its metadata atomically. The system property {@value #SLOW_SAVE} (milliseconds) makes
     * the write pause before its checksum, with a "saving FILE" line first: the kill tests use it to interrupt a
     * save in the middle.
     */
    private void saveModel(Path file, ModelMetadata metadata) throws IOException {
      AtomicFile.Content content = ModelFile.content(net, file, metadata);
      long pause = Long.getLong(SLOW_SAVE, 0);
      if (pause <= 0) {
        AtomicFile.writeWithChecksum(file, content);
        return;
      }
      out.println("saving " + file);
      out.flush();
      AtomicFile.writeWithChecksum(file, o -> {
        content.writeTo(o);
        o.flush();
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while saving " + file);
        }
      });
    }

    private static EpochPoint point(EpochResult r) {
      return new EpochPoint(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(),
          r.seconds());
    }
  }
}
