package dev.convnet.processor.model;

/** A pair of sizes along the two spatial axes: kernel, stride, padding or dilation. */
public record Dim(int h, int w) {
  public static Dim of(int both) {
    return new Dim(both, both);
  }

  public boolean square() {
    return h == w;
  }

  public int area() {
    return h * w;
  }

  @Override
  public String toString() {
    return square() ? Integer.toString(h) : h + "×" + w;
  }

  /** {@code "5×5"} even when square: for kernels and windows. */
  public String box() {
    return h + "×" + w;
  }
}
