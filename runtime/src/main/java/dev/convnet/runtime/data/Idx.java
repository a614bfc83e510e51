package dev.convnet.runtime.data;

import dev.convnet.runtime.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: images (magic {@code 0x00000803}: count, rows, columns, then
 * unsigned bytes) and labels (magic {@code 0x00000801}: count, then unsigned bytes). All integers are big-endian.
 * Files starting with the gzip magic are decompressed on the fly.
 *
 * <p>Every malformed file (empty, wrong magic, truncated header or data, trailing data, absurd dimensions) is an
 * {@link IdxFormatException} naming the file and the problem; memory is only allocated for data that is actually
 * there.
 */
public final class Idx {
  /** Magic number of an image file: unsigned bytes, 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of a label file: unsigned bytes, 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Labels are unsigned bytes, so a label file can name at most 256 classes. */
  public static final int MAX_CLASSES = 256;

  private Idx() {}

  /**
   * Loads matching image and label files as a dataset of {@code 1 × rows × cols} samples scaled to [0, 1] (pixel /
   * 255).
   *
   * @param images the IDX image file
   * @param labels the class label of each sample
   * @return a dataset of {@code 1 × rows × cols} samples scaled to [0, 1] (pixel / 255)
   * @throws IdxFormatException if either file is malformed or their counts differ
   */
  public static Dataset load(Path images, Path labels) throws IOException {
    return load(images, labels, MAX_CLASSES);
  }

  /**
   * Like {@link #load(Path, Path)}, and checks every label is a class in {@code [0, classes)}.
   *
   * @param images the IDX image file
   * @param labels the class label of each sample
   * @param classes the number of classes
   * @return the dataset, every label a class in {@code [0, classes)}
   * @throws IdxFormatException if either file is malformed, their counts differ or a label is out of range
   */
  public static Dataset load(Path images, Path labels, int classes) throws IOException {
    IdxImages img = readImages(images);
    int[] lab = readLabels(labels, classes);
    if (img.count() != lab.length) {
      throw new IdxFormatException(images, "has " + img.count() + " images but the label file " + labels + " has "
          + lab.length + " labels");
    }
    return new Dataset(img.scaledPixels(), lab, Shape.map(1, img.rows(), img.cols()));
  }

  /**
   * Reads an image file.
   *
   * @param file the file
   * @return the images
   * @throws IOException if the file cannot be read or is not a valid IDX file
   */
  public static IdxImages readImages(Path file) throws IOException {
    try (IdxSource in = IdxSource.open(file, "IDX image file")) {
      checkMagic(in, IMAGES_MAGIC);
      int count = in.readInt("image count");
      int rows = in.readInt("row count");
      int cols = in.readInt("column count");
      if (count < 0) {
        throw new IdxFormatException(file, "negative image count " + count);
      }
      if (rows <= 0 || cols <= 0) {
        throw new IdxFormatException(file, "invalid image size " + rows + "×" + cols);
      }
      long plane = (long) rows * cols; // < 2^62
      long pixels = plane > Dataset.MAX_ARRAY ? Long.MAX_VALUE : count * plane; // else < 2^62: no overflow
      if (pixels > Dataset.MAX_ARRAY) {
        throw new IdxFormatException(file, "absurd dimensions: " + count + " images of " + rows + "×" + cols
            + " is more than the largest array (" + Dataset.MAX_ARRAY + " values)");
      }
      byte[] data = in.readBody(pixels, "pixel data of " + count + " images of " + rows + "×" + cols);
      in.expectEnd("pixel data");
      return new IdxImages(count, rows, cols, data);
    }
  }

  /**
   * Reads a label file: each label 0..255.
   *
   * @param file the file
   * @return the labels, each 0..255
   * @throws IOException if the file cannot be read or is not a valid IDX file
   */
  public static int[] readLabels(Path file) throws IOException {
    return readLabels(file, MAX_CLASSES);
  }

  /**
   * Reads a label file whose labels are classes in {@code [0, classes)}.
   *
   * @param classes 1 to 256 (a label is one unsigned byte)
   * @param file the file
   * @return the labels, each a class in {@code [0, classes)}
   * @throws IdxFormatException if the file is malformed or holds a label {@code >= classes}
   */
  public static int[] readLabels(Path file, int classes) throws IOException {
    if (classes < 1 || classes > MAX_CLASSES) {
      throw new IllegalArgumentException("classes must be 1 to " + MAX_CLASSES + ", got " + classes);
    }
    try (IdxSource in = IdxSource.open(file, "IDX label file")) {
      checkMagic(in, LABELS_MAGIC);
      int count = in.readInt("label count");
      if (count < 0) {
        throw new IdxFormatException(file, "negative label count " + count);
      }
      byte[] data = in.readBody(count, count + " labels");
      in.expectEnd("labels");
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = data[i] & 0xFF;
        if (labels[i] >= classes) {
          throw new IdxFormatException(file, "label " + labels[i] + " of item " + i + " is outside the " + classes
              + " classes [0, " + classes + ")");
        }
      }
      return labels;
    }
  }

  private static void checkMagic(IdxSource in, int expected) throws IOException {
    String kind = expected == IMAGES_MAGIC ? "IDX image file" : "IDX label file";
    int magic = in.readInt("magic number");
    if (magic == expected) {
      return;
    }
    String found = magic == IMAGES_MAGIC ? " (an IDX image file)" : magic == LABELS_MAGIC ? " (an IDX label file)"
        : (magic >>> 16) == 0 ? " (an IDX file of element type 0x" + hex((magic >>> 8) & 0xFF, 2) + " with "
        + (magic & 0xFF) + " dimensions)" : "";
    throw new IdxFormatException(in.file(), "wrong magic number 0x" + hex(magic, 8) + found + "; expected 0x"
        + hex(expected, 8) + " for an " + kind + " of unsigned bytes");
  }

  private static String hex(int value, int digits) {
    String s = Integer.toHexString(value).toUpperCase(Locale.ROOT);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }
}
