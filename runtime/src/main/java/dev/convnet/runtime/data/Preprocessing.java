package dev.convnet.runtime.data;

import java.util.Locale;

/**
 * How raw images (pixels in [0, 1]) become a network's input: a zero border of {@code padding} pixels, then
 * standardization {@code (x - mean) / std}; and whether a raw image of a digit must first be centred the way MNIST
 * was made. Model files record it ({@code dev.convnet.runtime.io.ModelMetadata}) so that a model is always fed as it
 * was trained, whether trained from code or by a job.
 *
 * @param padding   zero pixels added on every side, >= 0
 * @param mean      subtracted from every pixel (after padding), finite
 * @param std       the divisor, finite and > 0
 * @param centering {@link #NO_CENTERING}, or {@link #MNIST_CENTERING}: a raw digit image is scaled to fit a 20×20 box
 *                  (keeping its aspect ratio) and placed in the 28×28 frame with its centre of mass at the centre, as
 *                  MNIST's digits were
 */
public record Preprocessing(int padding, float mean, float std, String centering) {
  /** Images are used as they are. */
  public static final String NO_CENTERING = "none";
  /** Digits are centred by their centre of mass in a 20×20 box inside 28×28, as in MNIST. */
  public static final String MNIST_CENTERING = "mnist-20x20-center-of-mass";
  /** Pixels in [0, 1] used as they are: no padding, mean 0, std 1, no centring. */
  public static final Preprocessing IDENTITY = new Preprocessing(0, 0, 1, NO_CENTERING);

  /**
   * Checks the fields.
   *
   * @param padding pixels added on every side
   * @param mean the mean
   * @param std the standard deviation
   * @param centering the centring
   * @throws IllegalArgumentException for a negative padding, a non-finite mean, a std that is not finite and > 0,
   *                                  or an unknown centring
   */
  public Preprocessing {
    if (padding < 0 || !Float.isFinite(mean) || !(std > 0) || Float.isInfinite(std)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "preprocessing needs padding >= 0, a finite mean"
          + " and a finite std > 0; got padding %d, mean %s, std %s", padding, mean, std));
    }
    if (!NO_CENTERING.equals(centering) && !MNIST_CENTERING.equals(centering)) {
      throw new IllegalArgumentException("unknown centring '" + centering + "'; known: " + NO_CENTERING + ", "
          + MNIST_CENTERING);
    }
  }

  /**
   * Pads and standardizes a data set of images (the centring is for raw images and is not applied here).
   *
   * @param images images with pixels in [0, 1]
   * @return a new data set, the network's input
   */
  public Dataset apply(Dataset images) {
    Dataset framed = padding == 0 ? images : images.padded(padding);
    return mean == 0 && std == 1 ? framed : framed.scaled(1 / std, -mean / std);
  }

  /**
   * Whether raw digit images are to be centred as MNIST's ({@link #MNIST_CENTERING}).
   *
   * @return whether raw digit images are to be centred as MNIST's ({@link #MNIST_CENTERING})
   */
  public boolean centersDigits() {
    return MNIST_CENTERING.equals(centering);
  }
}
