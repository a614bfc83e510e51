package dev.convnet.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
  private static final float EPS = 1e-6f;

  @Test
  void grayscaleMinMaxNormalizesAndScales() throws IOException {
    float[] values = {9, -1, 0, 1, 2, 3, 4};
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Png.grayscale(values, 1, 2, 3, 4, false)));
    assertEquals(12, img.getWidth());
    assertEquals(8, img.getHeight());
    assertEquals(0, img.getRaster().getSample(0, 0, 0), "minimum is black");
    assertEquals(0, img.getRaster().getSample(3, 3, 0), "nearest neighbour block");
    assertEquals(255, img.getRaster().getSample(11, 7, 0), "maximum is white");
    assertEquals(Math.round(255 * 3 / 5f), img.getRaster().getSample(0, 4, 0)); // value 2 of -1..4
  }

  @Test
  void divergingPutsZeroAtMidGrey() throws IOException {
    float[] values = {-2, 0, 1, 2};
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Png.grayscale(values, 0, 1, 4, 1, true)));
    assertEquals(0, img.getRaster().getSample(0, 0, 0));
    assertEquals(128, img.getRaster().getSample(1, 0, 0));
    assertEquals(191, img.getRaster().getSample(2, 0, 0));
    assertEquals(255, img.getRaster().getSample(3, 0, 0));
    BufferedImage flat = ImageIO.read(new ByteArrayInputStream(Png.grayscale(new float[4], 0, 2, 2, 1, false)));
    assertEquals(128, flat.getRaster().getSample(1, 1, 0), "a constant map is mid-grey");
  }

  @Test
  void grayscaleRejectsTooFewValues() {
    assertThrows(IllegalArgumentException.class, () -> Png.grayscale(new float[10], 2, 3, 3, 1, false));
  }

  @Test
  void roundTripOfAGreyPattern(@TempDir Path dir) throws IOException {
    int h = 7;
    int w = 9;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    float[] expected = new float[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = (x * 13 + y * 7) % 100; // dark on average: not inverted
        img.getRaster().setSample(x, y, 0, g);
        expected[y * w + x] = g / 255f;
      }
    }
    Path file = dir.resolve("pattern.png");
    Png.write(img, file);
    assertArrayEquals(expected, Png.readGrayscale(file, h, w), EPS);
  }

  @Test
  void roundTripOfAnRgbPattern(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    float[] expected = new float[16];
    for (int i = 0; i < 16; i++) {
      int g = i * 8;
      img.setRGB(i % 4, i / 4, new Color(g, g, g).getRGB());
      expected[i] = g / 255f;
    }
    Path file = dir.resolve("rgb.png");
    Png.write(img, file);
    assertArrayEquals(expected, Png.readGrayscale(file, 4, 4), EPS);
  }

  @Test
  void sixteenBitGrey(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setSample(0, 0, 0, 0);
    img.getRaster().setSample(1, 0, 0, 65535 / 5);
    Path file = dir.resolve("deep.png");
    Png.write(img, file);
    assertArrayEquals(new float[] {0, 0.2f}, Png.readGrayscale(file, 1, 2), 1e-4f);
  }

  @Test
  void resizesByAreaAveraging(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 56; x++) {
        // left half: a 1-pixel checkerboard of 0 and 200 (averages to 100); right half: black
        img.getRaster().setSample(x, y, 0, x < 28 ? ((x + y) % 2) * 200 : 0);
      }
    }
    Path file = dir.resolve("big.png");
    Png.write(img, file);
    float[] small = Png.readGrayscale(file, 28, 28);
    assertEquals(28 * 28, small.length);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        assertEquals(x < 14 ? 100 / 255f : 0f, small[y * 28 + x], EPS, "(" + y + "," + x + ")");
      }
    }
    // upscaling works too: every output pixel is inside one source pixel
    float[] large = Png.readGrayscale(file, 112, 112);
    assertEquals(200 / 255f, large[1 * 112 + 2], EPS);
  }

  @Test
  void darkDigitOnLightPaperIsInverted(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 40);
    g.setColor(Color.BLACK);
    g.fillRect(10, 10, 15, 15);
    g.dispose();
    Path file = dir.resolve("paper.png");
    Png.write(img, file);
    float[] v = Png.readGrayscale(file, 4, 4);
    assertEquals(0f, v[0], EPS, "white paper becomes black background");
    assertEquals(1f, v[5], EPS, "the black square becomes white");
    assertEquals(0.5f, v[6], EPS, "a pixel half covered by the square");
    assertEquals(0.25f, v[10], EPS, "a pixel a quarter covered by the square");
  }

  @Test
  void transparentBackgroundCountsAsPaper(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0xff000000); // opaque black stroke; the rest fully transparent
    Path file = dir.resolve("alpha.png");
    Png.write(img, file);
    assertArrayEquals(new float[] {1, 0, 0, 0}, Png.readGrayscale(file, 2, 2), EPS);
  }

  @Test
  void notAnImageGivesAnIOExceptionNamingTheFile(@TempDir Path dir) throws IOException {
    Path text = dir.resolve("digit.png");
    Files.writeString(text, "this is not a picture");
    IOException e = assertThrows(IOException.class, () -> Png.readGrayscale(text, 28, 28));
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());

    Path truncated = dir.resolve("truncated.png");
    byte[] png = Png.grayscale(new float[64], 0, 8, 8, 4, false);
    Files.write(truncated, java.util.Arrays.copyOf(png, 40));
    e = assertThrows(IOException.class, () -> Png.readGrayscale(truncated, 28, 28));
    assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

    Path missing = dir.resolve("missing.png");
    e = assertThrows(IOException.class, () -> Png.readGrayscale(missing, 28, 28));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void writeLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out.png");
    BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
    Png.write(img, file);
    Png.write(img, file);
    assertNotNull(ImageIO.read(file.toFile()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }
}
