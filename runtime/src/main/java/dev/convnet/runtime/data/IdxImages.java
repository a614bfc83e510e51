package dev.convnet.runtime.data;

/**
 * The contents of an IDX image file: {@code count} greyscale images of {@code rows × cols} unsigned bytes, image
 * after image, row by row.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
  /**
   * Checks that {@code pixels} holds exactly {@code count × rows × cols} bytes.
   *
   * @param count the number of items
   * @param rows rows of a plane
   * @param cols columns of a plane
   * @param pixels the pixels, row by row
   */
  public IdxImages {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(count + " images of " + rows + "×" + cols + " need "
          + (long) count * rows * cols + " pixels, got " + pixels.length);
    }
  }

  /**
   * Pixel {@code i} of the flat array as 0..255.
   *
   * @param i the index
   * @return pixel {@code i} of the flat array as 0..255
   */
  public int pixel(int i) {
    return pixels[i] & 0xFF;
  }

  /**
   * All pixels divided by 255 (0..1), for a dataset.
   *
   * @return all pixels divided by 255 (0..1), for a dataset
   */
  public float[] scaledPixels() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }
}
