package dev.convnet.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents for tests, including deliberately wrong ones. */
final class IdxFiles {
  private IdxFiles() {}

  /** An image file: magic, count, rows, cols (as given, however absurd), then {@code pixels}. */
  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(cols)
        .put(pixels).array();
  }

  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return images(Idx.IMAGES_MAGIC, count, rows, cols, pixels);
  }

  /** A label file: magic, count, then the labels as unsigned bytes. */
  static byte[] labelsWithHeader(int magic, int count, int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  static byte[] labels(int... labels) {
    return labelsWithHeader(Idx.LABELS_MAGIC, labels.length, labels);
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(raw);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} pixels 0, 1, ..., wrapping, with 255 somewhere (to check they are unsigned). */
  static byte[] pixels(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 37);
    }
    p[n - 1] = (byte) 255;
    return p;
  }
}
