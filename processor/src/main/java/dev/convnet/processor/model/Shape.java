package dev.convnet.processor.model;

/**
 * The shape of one sample at a layer's output: a feature map {@code channels × height × width}, or a vector of
 * {@code channels} values (the output of a dense layer).
 */
public record Shape(int channels, int height, int width, boolean vector) {
  public static Shape map(int c, int h, int w) {
    return new Shape(c, h, w, false);
  }

  public static Shape vector(int n) {
    return new Shape(n, 1, 1, true);
  }

  public int size() {
    return channels * height * width;
  }

  public int plane() {
    return height * width;
  }

  @Override
  public String toString() {
    return vector ? "vector of " + channels : channels + "×" + height + "×" + width;
  }

  /** Compact form for comments: {@code 6×28×28} or {@code 84}. */
  public String compact() {
    return vector ? Integer.toString(channels) : channels + "×" + height + "×" + width;
  }
}
