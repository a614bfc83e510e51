package dev.convnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import java.io.IOException;
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
  void missingFile() {
    Path file = dir.resolve("nope");
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file));
    assertMessage(e, file, "no such file");
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
  void corruptGzip() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(COUNT, ROWS, COLS, IdxFiles.pixels(COUNT * ROWS * COLS)));
    gz[gz.length - 6] ^= 0x55; // inside the CRC32/size trailer
    Path file = write("c.gz", gz);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
    assertMessage(e, file, "gzip");
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path images = write("i", IdxFiles.images(COUNT, ROWS, COLS, new byte[COUNT * ROWS * COLS]));
    Path labels = write("l", IdxFiles.labels(1, 2, 3, 4));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.load(images, labels));
    assertMessage(e, images, "has 3 images", "has 4 labels", labels.toString());
  }
}
