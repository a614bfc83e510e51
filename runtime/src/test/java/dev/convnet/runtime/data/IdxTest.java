package dev.convnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convnet.runtime.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  private static final int COUNT = 3;
  private static final int ROWS = 4;
  private static final int COLS = 5;

  @TempDir
  Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private IdxFormatException assertBadImages(byte[] content, String... fragments) throws IOException {
    Path file = write("bad-images", content);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
    assertMessage(e, file, fragments);
    return e;
  }

  private static void assertMessage(IdxFormatException e, Path file, String... fragments) {
    assertTrue(e.getMessage().contains(file.toString()), "message does not name the file: " + e.getMessage());
    assertEquals(file, e.file());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
    }
  }

  @Test
  void roundTripPlainAndGzipped() throws IOException {
    byte[] pixels = IdxFiles.pixels(COUNT * ROWS * COLS);
    int[] labels = {7, 0, 255};
    for (boolean gz : new boolean[] {false, true}) {
      byte[] img = IdxFiles.images(COUNT, ROWS, COLS, pixels);
      byte[] lab = IdxFiles.labels(labels);
      Path images = write("images" + (gz ? ".gz" : ""), gz ? IdxFiles.gzip(img) : img);
      Path labelFile = write("labels" + (gz ? ".gz" : ""), gz ? IdxFiles.gzip(lab) : lab);
      Dataset d = Idx.load(images, labelFile);
      assertEquals(COUNT, d.size());
      assertEquals(Shape.map(1, ROWS, COLS), d.sampleShape());
      assertArrayEquals(labels, d.labels(), "labels are unsigned bytes: 255 stays 255");
      for (int i = 0; i < pixels.length; i++) {
        assertEquals((pixels[i] & 0xFF) / 255f, d.features()[i], 0, "pixel " + i);
      }
      assertEquals(1f, d.features()[pixels.length - 1]);
      IdxImages raw = Idx.readImages(images);
      assertEquals(ROWS, raw.rows());
      assertEquals(COLS, raw.cols());
      assertEquals(255, raw.pixel(pixels.length - 1));
    }
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path compressedWithoutSuffix = write("images", IdxFiles.gzip(IdxFiles.images(1, 2, 2, new byte[4])));
    assertEquals(1, Idx.readImages(compressedWithoutSuffix).count());
    Path plainWithSuffix = write("labels.gz", IdxFiles.labels(1, 2));
    assertArrayEquals(new int[] {1, 2}, Idx.readLabels(plainWithSuffix));
  }

  @Test
  void emptyFile() throws IOException {
    assertBadImages(new byte[0], "empty");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope");
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file));
    assertMessage(e, file, "no such file");
  }

  @Test
  void truncatedHeader() throws IOException {
    byte[] full = IdxFiles.images(COUNT, ROWS, COLS, new byte[0]);
    assertBadImages(Arrays.copyOf(full, 10), "truncated", "row count", "needs 4 bytes but only 2 remain");
  }

  @Test
  void truncatedData() throws IOException {
    byte[] full = IdxFiles.images(COUNT, ROWS, COLS, IdxFiles.pixels(COUNT * ROWS * COLS));
    assertBadImages(Arrays.copyOf(full, full.length - 1), "truncated", "needs 60 bytes but only 59 remain");
    Path gz = write("bad.gz", IdxFiles.gzip(IdxFiles.images(COUNT, ROWS, COLS, new byte[59])));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(gz));
    assertMessage(e, gz, "truncated", "needs 60 bytes but only 59 remain in the decompressed data");
  }

  @Test
  void trailingDataIsAnErrorNotIgnored() throws IOException {
    // The header says 60 pixel bytes; the file holds 63.
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(write("x",
        IdxFiles.images(COUNT, ROWS, COLS, new byte[63]))));
    assertTrue(e.getMessage().contains("3 unexpected bytes"), e.getMessage());
    Path gz = write("x.gz", IdxFiles.gzip(IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, 2, 1, 2, 3)));
    IdxFormatException g = assertThrows(IdxFormatException.class, () -> Idx.readLabels(gz));
    assertTrue(g.getMessage().contains("unexpected bytes"), g.getMessage());
  }

  @Test
  void wrongMagicNumbers() throws IOException {
    assertBadImages(IdxFiles.labels(1, 2, 3), "wrong magic number 0x00000801 (an IDX label file)",
        "expected 0x00000803");
    assertBadImages(IdxFiles.images(0x00000C03, 1, 1, 1, new byte[4]), "0x00000C03", "element type 0x0C");
    assertBadImages("<html>not idx</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "wrong magic number 0x3C68746D");
    Path labels = write("l", IdxFiles.images(1, 1, 1, new byte[1]));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(labels));
    assertMessage(e, labels, "(an IDX image file)", "expected 0x00000801");
  }

  @Test
  void corruptGzip() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(COUNT, ROWS, COLS, IdxFiles.pixels(COUNT * ROWS * COLS)));
    gz[gz.length - 6] ^= 0x55; // inside the CRC32/size trailer
    Path file = write("c.gz", gz);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
    assertMessage(e, file, "gzip");
  }

  @Test
  void absurdDimensionsFailWithoutAllocating() throws IOException {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    // Within array limits but far more than the file holds: plain and gzipped.
    assertBadImages(IdxFiles.images(Integer.MAX_VALUE - 8, 1, 1, new byte[10]), "truncated",
        "needs 2147483639 bytes but only 10 remain");
    Path gz = write("huge.gz", IdxFiles.gzip(IdxFiles.images(20_000_000, 10, 10, new byte[100])));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(gz));
    assertMessage(e, gz, "truncated", "2000000000 bytes but only 100 remain");
    Path gzLabels = write("huge-labels.gz", IdxFiles.gzip(IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, 2_000_000_000, 1)));
    assertThrows(IdxFormatException.class, () -> Idx.readLabels(gzLabels));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 64L << 20, "reading absurd headers allocated " + allocated + " bytes");
    // Beyond any array.
    assertBadImages(IdxFiles.images(Integer.MAX_VALUE, 28, 28, new byte[0]), "absurd dimensions",
        "2147483647 images of 28×28");
    assertBadImages(IdxFiles.images(1, 65536, 65536, new byte[0]), "absurd dimensions", "65536×65536");
    assertBadImages(IdxFiles.images(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, new byte[0]),
        "absurd dimensions");
    assertBadImages(IdxFiles.images(-1, 28, 28, new byte[0]), "negative image count -1");
    assertBadImages(IdxFiles.images(1, 0, 28, new byte[0]), "invalid image size 0×28");
    Path negativeLabels = write("nl", IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, -5));
    IdxFormatException n = assertThrows(IdxFormatException.class, () -> Idx.readLabels(negativeLabels));
    assertMessage(n, negativeLabels, "negative label count -5");
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path images = write("i", IdxFiles.images(COUNT, ROWS, COLS, new byte[COUNT * ROWS * COLS]));
    Path labels = write("l", IdxFiles.labels(1, 2, 3, 4));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.load(images, labels));
    assertMessage(e, images, "has 3 images", "has 4 labels", labels.toString());
  }

  @Test
  void truncationAtEveryByteOffsetIsAnError() throws IOException {
    byte[] images = IdxFiles.images(COUNT, ROWS, COLS, IdxFiles.pixels(COUNT * ROWS * COLS));
    byte[] labels = IdxFiles.labels(3, 1, 4);
    Path fullLabels = write("labels", labels);
    Path fullImages = write("images", images);
    assertEquals(COUNT, Idx.load(fullImages, fullLabels).size());
    for (boolean gz : new boolean[] {false, true}) {
      byte[] img = gz ? IdxFiles.gzip(images) : images;
      for (int length = 0; length < img.length; length++) {
        Path cut = write("cut-images", Arrays.copyOf(img, length));
        try {
          Dataset d = Idx.load(cut, fullLabels);
          fail((gz ? "gzipped" : "plain") + " image file cut to " + length + " bytes loaded " + d);
        } catch (IdxFormatException expected) {
          assertTrue(expected.getMessage().contains(cut.toString()), expected.getMessage());
        }
      }
      byte[] lab = gz ? IdxFiles.gzip(labels) : labels;
      for (int length = 0; length < lab.length; length++) {
        Path cut = write("cut-labels", Arrays.copyOf(lab, length));
        assertThrows(IdxFormatException.class, () -> Idx.load(fullImages, cut),
            (gz ? "gzipped" : "plain") + " label file cut to " + length + " bytes");
      }
    }
  }
}
