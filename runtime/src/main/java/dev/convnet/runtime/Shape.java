package dev.convnet.runtime;

/**
 * The shape of one sample's activation: {@code channels × height × width}. A vector (the output of a dense layer)
 * is {@code units × 1 × 1} with {@link #vector()} set; it prints as just its length.
 */
public record Shape(int channels, int height, int width, boolean vector) {
  /**
   * Checks the dimensions.
   *
   * @param channels the number of channels (maps)
   * @param height   rows of a map
   * @param width    columns of a map
   * @param vector   whether it is a vector ({@code units × 1 × 1}), printed as its length
   * @throws IllegalArgumentException if one is not positive
   */
  public Shape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
    }
  }

  /**
   * The shape of a stack of feature maps.
   *
   * @param channels the number of maps
   * @param height   rows of a map
   * @param width    columns of a map
   * @return the shape
   */
  public static Shape map(int channels, int height, int width) {
    return new Shape(channels, height, width, false);
  }

  /**
   * The shape of a vector.
   *
   * @param units the number of values
   * @return the shape {@code units × 1 × 1}
   */
  public static Shape vector(int units) {
    return new Shape(units, 1, 1, true);
  }

  /**
   * Number of values in one sample.
   *
   * @return number of values in one sample
   */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return vector ? Integer.toString(channels) : channels + "×" + height + "×" + width;
  }
}
