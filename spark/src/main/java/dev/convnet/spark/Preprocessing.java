package dev.convnet.spark;

import dev.convnet.runtime.Shape;
import java.io.Serializable;
import java.util.Locale;

/**
 * How a stored image becomes a network input: a zero border of {@code border} pixels around each plane (LeNet-5
 * reads 28×28 images framed to 32×32) and then {@code x · (1/std) − mean/std} on every value, border included — in
 * float arithmetic exactly as the examples' digits job prepares its data, so that a network trained there or here
 * sees the same numbers. {@link #NONE} leaves the values as they are (the stored array is the network input).
 *
 * @param border zero pixels added on each side, >= 0
 * @param mean   subtracted (after framing)
 * @param std    divided by, > 0
 */
public record Preprocessing(int border, float mean, float std) implements Serializable {
  /** The stored values are the network input. */
  public static final Preprocessing NONE = new Preprocessing(0, 0f, 1f);

  public Preprocessing {
    if (border < 0) {
      throw new IllegalArgumentException("border must be >= 0, got " + border);
    }
    if (!(std > 0) || !Float.isFinite(std) || !Float.isFinite(mean)) {
      throw new IllegalArgumentException("std must be a finite number > 0 and mean finite, got mean " + mean
          + ", std " + std);
    }
  }

  /** MNIST's standardization (mean 0.1307, std 0.3081, as the examples' job uses for every data set). */
  public static Preprocessing mnist(int border) {
    return new Preprocessing(border, 0.1307f, 0.3081f);
  }

  /** The shape of a stored image for a network reading {@code input}: the input less the border. */
  public Shape storedShape(Shape input) {
    if (border == 0) {
      return input;
    }
    if (input.vector() || input.height() <= 2 * border || input.width() <= 2 * border) {
      throw new IllegalArgumentException("a border of " + border + " does not fit the network input " + input);
    }
    return Shape.map(input.channels(), input.height() - 2 * border, input.width() - 2 * border);
  }

  /** Whether values pass unchanged. */
  public boolean isIdentity() {
    return border == 0 && mean == 0f && std == 1f;
  }

  /**
   * Writes the network input for one stored image {@code src[from ..]} (of {@link #storedShape}) to {@code dst[at
   * ..]} (of {@code input}).
   */
  public void apply(float[] src, int from, Shape input, float[] dst, int at) {
    if (isIdentity()) {
      System.arraycopy(src, from, dst, at, input.size());
      return;
    }
    float scale = 1 / std;
    float shift = -mean / std;
    if (border == 0) {
      for (int i = 0; i < input.size(); i++) {
        dst[at + i] = src[from + i] * scale + shift;
      }
      return;
    }
    int bigH = input.height();
    int bigW = input.width();
    int h = bigH - 2 * border;
    int w = bigW - 2 * border;
    float background = 0f * scale + shift;
    for (int c = 0; c < input.channels(); c++) {
      int plane = at + c * bigH * bigW;
      for (int y = 0; y < bigH; y++) {
        for (int x = 0; x < bigW; x++) {
          boolean inside = y >= border && y < border + h && x >= border && x < border + w;
          dst[plane + y * bigW + x] = inside
              ? src[from + (c * h + y - border) * w + x - border] * scale + shift : background;
        }
      }
    }
  }

  @Override
  public String toString() {
    return isIdentity() ? "none" : String.format(Locale.ROOT, "border %d, (x - %s) / %s", border, mean, std);
  }
}
