package dev.convnet.spark;

import dev.convnet.runtime.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG or JPEG bytes (anything the JDK's {@code javax.imageio} reads) into {@code channels × height × width}
 * floats in [0, 1], channel-major (NCHW): one channel gives the grey level (the stored samples of a grey image, the
 * luma 0.299 R + 0.587 G + 0.114 B of a colour one), three give R, G and B. The image must have exactly the expected
 * size; no resizing is done behind the user's back.
 */
final class ImageDecoder {
  /** Images with more pixels than this are refused before decoding. */
  static final long MAX_PIXELS = 1L << 26;

  private ImageDecoder() {}

  /**
   * @throws IOException with the reason (not an image, wrong size, unsupported channels)
   */
  static void decode(byte[] bytes, Shape shape, float[] dst, int at) throws IOException {
    BufferedImage image = read(bytes);
    int h = shape.height();
    int w = shape.width();
    if (image.getHeight() != h || image.getWidth() != w) {
      throw new IOException("the image is " + image.getWidth() + "×" + image.getHeight() + " (width×height); "
          + w + "×" + h + " expected");
    }
    int channels = shape.channels();
    Raster raster = image.getRaster();
    boolean grey = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
        && !(image.getColorModel() instanceof java.awt.image.IndexColorModel) && raster.getNumBands() <= 2;
    if (channels == 1 && grey) {
      double max = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          dst[at + y * w + x] = (float) (raster.getSample(x, y, 0) / max);
        }
      }
      return;
    }
    if (channels != 1 && channels != 3) {
      throw new IOException("the network reads " + channels + " channels; images give 1 (grey) or 3 (RGB)");
    }
    int plane = h * w;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = image.getRGB(x, y);
        float r = ((p >>> 16) & 0xff) / 255f;
        float g = ((p >>> 8) & 0xff) / 255f;
        float b = (p & 0xff) / 255f;
        int i = at + y * w + x;
        if (channels == 1) {
          dst[i] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
        } else {
          dst[i] = r;
          dst[i + plane] = g;
          dst[i + 2 * plane] = b;
        }
      }
    }
  }

  private static BufferedImage read(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      throw new IOException("the image is empty (0 bytes)");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(bytes.length + " bytes that are not an image ImageIO can decode (PNG or JPEG "
            + "expected)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new IOException("the image is too large: " + reader.getWidth(0) + "×" + reader.getHeight(0));
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw new IOException("the " + reader.getFormatName() + " image could not be decoded");
        }
        return image;
      } catch (IOException | RuntimeException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof IOException && why.startsWith("the image")) {
          throw (IOException) e;
        }
        throw new IOException("a corrupt " + reader.getFormatName() + " image of " + bytes.length + " bytes ("
            + why + ")", e);
      } finally {
        reader.dispose();
      }
    }
  }
}
