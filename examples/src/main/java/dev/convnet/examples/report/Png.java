package dev.convnet.examples.report;

import dev.convnet.runtime.io.AtomicFile;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Small PNG helpers on the JDK alone ({@code javax.imageio}): grayscale images of activations and weights for the
 * {@link TrainingReport}, and {@link #readGrayscale(Path, int, int)} to turn a user's picture into a network input.
 */
public final class Png {
  /** Images larger than this many pixels are refused by {@link #readGrayscale}, before they are decoded. */
  static final long MAX_PIXELS = 64L * 1024 * 1024;

  private Png() {
  }

  /**
   * Encodes {@code height × width} values starting at {@code offset} (row-major) as an 8-bit grayscale PNG, each value
   * drawn as a {@code scale × scale} block (nearest neighbour).
   *
   * <p>With {@code diverging} false the values are min-max normalized (minimum black, maximum white; a constant image
   * is mid-grey). With {@code diverging} true zero is mid-grey and the values are divided by their largest magnitude:
   * negative towards black, positive towards white. Non-finite values are drawn as the minimum (or zero).
   *
   * @return the PNG file's bytes
   */
  public static byte[] grayscale(float[] values, int offset, int height, int width, int scale, boolean diverging) {
    return encode(grayscaleImage(values, offset, height, width, scale, scale, diverging));
  }

  /** As {@link #grayscale}, with separate vertical and horizontal scales (used for 1×N strips). */
  static BufferedImage grayscaleImage(float[] values, int offset, int height, int width, int scaleY, int scaleX,
                                      boolean diverging) {
    if (height <= 0 || width <= 0 || scaleY <= 0 || scaleX <= 0) {
      throw new IllegalArgumentException("height, width and scale must be positive, got " + height + "×" + width
          + " scale " + scaleY + "×" + scaleX);
    }
    if (offset < 0 || (long) offset + (long) height * width > values.length) {
      throw new IllegalArgumentException("an image of " + height + "×" + width + " from offset " + offset
          + " needs " + ((long) offset + (long) height * width) + " values, the array has " + values.length);
    }
    if ((long) height * scaleY * width * scaleX > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("image too large: " + height * (long) scaleY + "×" + width * (long) scaleX);
    }
    int n = height * width;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      float v = values[offset + i];
      if (Float.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    byte[] grey = new byte[n];
    for (int i = 0; i < n; i++) {
      float v = values[offset + i];
      double level;
      if (diverging) {
        level = maxAbs > 0 && Float.isFinite(v) ? 0.5 + 0.5 * v / maxAbs : 0.5;
      } else if (max > min) {
        level = Float.isFinite(v) ? (v - min) / (max - min) : 0;
      } else {
        level = 0.5;
      }
      grey[i] = (byte) Math.max(0, Math.min(255, Math.round(level * 255)));
    }
    int h = height * scaleY;
    int w = width * scaleX;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    int[] row = new int[w];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int g = grey[y * width + x] & 0xff;
        for (int k = 0; k < scaleX; k++) {
          row[x * scaleX + k] = g;
        }
      }
      for (int k = 0; k < scaleY; k++) {
        raster.setSamples(0, y * scaleY + k, w, 1, 0, row);
      }
    }
    return image;
  }

  /** The PNG bytes of {@code image}. */
  public static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IOException("no PNG writer for an image of type " + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** {@code data:image/png;base64,...} for embedding PNG bytes in HTML. */
  public static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** Writes {@code image} as a PNG file, atomically (a temporary file in the same directory, then a rename). */
  public static void write(BufferedImage image, Path file) throws IOException {
    writeAtomically(file, encode(image));
  }

  /**
   * Loads an image (PNG, or anything else ImageIO reads: any size, grayscale, palette, RGB, with or without alpha,
   * 8 or 16 bits), converts it to grayscale (transparent pixels count as white paper), resizes it to
   * {@code height × width} by area averaging and returns the values in [0, 1], row-major, with MNIST polarity: a
   * light digit on a dark background. A picture whose mean is bright (a dark digit on light paper) is inverted.
   *
   * @throws IOException naming the file when it is missing, unreadable, too large or not an image ImageIO can decode
   */
  public static float[] readGrayscale(Path png, int height, int width) throws IOException {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("height and width must be positive, got " + height + "×" + width);
    }
    BufferedImage image = readImage(png);
    int srcH = image.getHeight();
    int srcW = image.getWidth();
    double[] grey = toGrey(image);
    double[] resized = resize(grey, srcH, srcW, height, width);
    double mean = 0;
    for (double v : resized) {
      mean += v;
    }
    mean /= resized.length;
    boolean invert = mean > 0.5;
    float[] out = new float[resized.length];
    for (int i = 0; i < out.length; i++) {
      double v = invert ? 1 - resized[i] : resized[i];
      out[i] = (float) Math.max(0, Math.min(1, v));
    }
    return out;
  }

  private static BufferedImage readImage(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("cannot read image " + file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new IOException("cannot read image " + file + ": permission denied");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException("cannot read image " + file);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("not a readable image (PNG, JPEG, GIF or BMP expected): " + file);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new IOException("image too large (" + reader.getWidth(0) + "×" + reader.getHeight(0) + "): " + file);
        }
        BufferedImage image = reader.read(0);
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
          throw new IOException("not a readable image: " + file);
        }
        return image;
      } catch (IOException | RuntimeException e) {
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(file.toString())) {
          throw io;
        }
        throw new IOException("not a readable image: " + file + " (" + e.getMessage() + ")", e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Grayscale in [0, 1], composited onto white where the image is transparent. */
  private static double[] toGrey(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    double[] grey = new double[h * w];
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    boolean rawGrey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && raster.getNumBands() >= 1 && raster.getNumBands() <= 2;
    if (rawGrey) {
      // Read the stored samples: getRGB() would push them through the linear gray colour space and change them.
      double greyMax = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
      boolean alpha = cm.hasAlpha() && raster.getNumBands() == 2;
      double alphaMax = alpha ? (1L << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double g = raster.getSample(x, y, 0) / greyMax;
          if (alpha) {
            double a = raster.getSample(x, y, 1) / alphaMax;
            g = g * a + (1 - a);
          }
          grey[y * w + x] = g;
        }
      }
      return grey;
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      double a = ((p >>> 24) & 0xff) / 255.0;
      double r = ((p >>> 16) & 0xff) / 255.0;
      double gr = ((p >>> 8) & 0xff) / 255.0;
      double b = (p & 0xff) / 255.0;
      double g = 0.299 * r + 0.587 * gr + 0.114 * b;
      grey[i] = g * a + (1 - a);
    }
    return grey;
  }

  /** Area-averaging resize, separable: every output pixel is the mean of the source area it covers. */
  /** Writes bytes to a file atomically ({@link AtomicFile}), creating its folder if needed. */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFile.write(file, out -> out.write(bytes));
  }

  /**
   * An image's grey levels at its own size, row by row, in [0, 1] with the ink bright: an image that is mostly light
   * (dark ink on paper) is inverted, as MNIST's white-on-black digits are.
   *
   * @param pixels the levels, {@code height × width}
   * @param height rows
   * @param width  columns
   */
  public record Ink(double[] pixels, int height, int width) {}

  /** Reads an image as {@link Ink}: its grey levels at its own size, inverted if mostly light. */
  public static Ink readInk(Path file) throws IOException {
    BufferedImage image = readImage(file);
    double[] grey = toGrey(image);
    double mean = 0;
    for (double v : grey) {
      mean += v;
    }
    boolean invert = mean / grey.length > 0.5;
    for (int i = 0; i < grey.length; i++) {
      double v = invert ? 1 - grey[i] : grey[i];
      grey[i] = Math.max(0, Math.min(1, v));
    }
    return new Ink(grey, image.getHeight(), image.getWidth());
  }

  /** Resamples a {@code srcH × srcW} image to {@code dstH × dstW} by area averaging (box filter). */
  public static double[] resize(double[] src, int srcH, int srcW, int dstH, int dstW) {
    if (srcH == dstH && srcW == dstW) {
      return src.clone();
    }
    double[] rows = new double[srcH * dstW];
    double[] line = new double[srcW];
    double[] outLine = new double[dstW];
    for (int y = 0; y < srcH; y++) {
      System.arraycopy(src, y * srcW, line, 0, srcW);
      resample(line, srcW, outLine, dstW);
      System.arraycopy(outLine, 0, rows, y * dstW, dstW);
    }
    double[] out = new double[dstH * dstW];
    double[] column = new double[srcH];
    double[] outColumn = new double[dstH];
    for (int x = 0; x < dstW; x++) {
      for (int y = 0; y < srcH; y++) {
        column[y] = rows[y * dstW + x];
      }
      resample(column, srcH, outColumn, dstH);
      for (int y = 0; y < dstH; y++) {
        out[y * dstW + x] = outColumn[y];
      }
    }
    return out;
  }

  private static void resample(double[] in, int n, double[] out, int m) {
    if (n == m) {
      System.arraycopy(in, 0, out, 0, n);
      return;
    }
    double ratio = (double) n / m;
    for (int i = 0; i < m; i++) {
      double start = i * ratio;
      double end = (i + 1) * ratio;
      int first = (int) Math.floor(start);
      int last = Math.min(n - 1, (int) Math.ceil(end) - 1);
      double sum = 0;
      double weight = 0;
      for (int j = first; j <= last; j++) {
        double overlap = Math.min(end, j + 1) - Math.max(start, j);
        if (overlap > 0) {
          sum += overlap * in[j];
          weight += overlap;
        }
      }
      out[i] = weight > 0 ? sum / weight : in[Math.min(n - 1, first)];
    }
  }
}
