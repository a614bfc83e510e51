package dev.convnet.runtime.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints training progress. On a terminal: one live line per epoch, redrawn in place with {@code '\r'} at most ten
 * times a second, e.g.
 *
 * <pre>epoch 3/10 [=========>          ] 30000/60000  2450 samples/s  loss 0.3124  ETA 0:12</pre>
 *
 * <p>then replaced by the epoch's summary. Elsewhere (a log file, a pipe): plain lines, at most three progress
 * lines per epoch (at 25, 50 and 75 % of its samples) and one summary line. Numbers are formatted with
 * {@link Locale#ROOT}.
 */
public final class ProgressBar implements TrainingListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private int epochs;
  private boolean drawn;
  private long lastDraw;
  private int lastLength;
  private int nextQuarter;

  /**
   * Live redrawing if {@code System.console()} is present.
   *
   * @param out where to print
   */
  public ProgressBar(PrintStream out) {
    this(out, System.console() != null);
  }

  /**
   * @param terminal redraw one live line (true) or print plain lines (false)
   * @param out where to print
   */
  public ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int samples) {
    this.epochs = epochs;
    this.drawn = false;
    this.lastLength = 0;
    this.nextQuarter = 1;
  }

  @Override
  public void onBatch(int epoch, int samplesDone, int samplesTotal, double runningLoss, long elapsedNanos) {
    if (terminal) {
      if (!drawn || elapsedNanos - lastDraw >= REDRAW_NANOS || samplesDone == samplesTotal) {
        redraw(liveLine(epoch, samplesDone, samplesTotal, runningLoss, elapsedNanos));
        drawn = true;
        lastDraw = elapsedNanos;
      }
      return;
    }
    if (samplesDone < samplesTotal && (long) samplesDone * 4 >= (long) nextQuarter * samplesTotal) {
      out.println(String.format(Locale.ROOT, "epoch %d/%d: %d/%d samples (%d%%), %s samples/s, loss %.4f", epoch,
          epochs, samplesDone, samplesTotal, (int) (100L * samplesDone / samplesTotal),
          rate(samplesDone, elapsedNanos), runningLoss));
      while ((long) nextQuarter * samplesTotal <= (long) samplesDone * 4) {
        nextQuarter++;
      }
    }
  }

  @Override
  public void onEpochEnd(EpochResult r) {
    String line = summary(r);
    if (terminal) {
      redraw(line);
      out.print('\n');
      lastLength = 0;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** The epoch's summary line. */
  String summary(EpochResult r) {
    String test = Double.isNaN(r.testLoss()) && Double.isNaN(r.testAccuracy()) ? ""
        : String.format(Locale.ROOT, "; test loss %.4f, accuracy %.2f%%", r.testLoss(), 100 * r.testAccuracy());
    return String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, accuracy %.2f%%%s; %.1f s", r.epoch(),
        Math.max(epochs, r.epoch()), r.trainLoss(), 100 * r.trainAccuracy(), test, r.seconds());
  }

  private String liveLine(int epoch, int done, int total, double loss, long elapsedNanos) {
    int filled = (int) ((long) WIDTH * done / total);
    StringBuilder bar = new StringBuilder(WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    String eta = "-";
    if (done > 0 && elapsedNanos > 0) {
      eta = duration((long) ((double) elapsedNanos / done * (total - done) / 1e9));
    }
    return String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d  %s samples/s  loss %.4f  ETA %s", epoch, epochs,
        bar, done, total, rate(done, elapsedNanos), loss, eta);
  }

  private void redraw(String line) {
    StringBuilder b = new StringBuilder(Math.max(line.length(), lastLength) + 1).append('\r').append(line);
    for (int i = line.length(); i < lastLength; i++) {
      b.append(' '); // wipe the rest of a longer previous line
    }
    lastLength = line.length();
    out.print(b);
    out.flush();
  }

  private static String rate(int done, long elapsedNanos) {
    return elapsedNanos <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", done / (elapsedNanos / 1e9));
  }

  /** {@code m:ss} or {@code h:mm:ss}. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
