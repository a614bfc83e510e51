package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what MNIST-style centring does for {@code classify} on digits rendered from the fonts installed here (dark
 * on light PNGs, as a user would give them): each digit 0-9 in every font family that has them, in two layouts (a
 * tight crop the digit fills, and a digit off-centre on a larger page), classified by a LeNet-5 trained by the job
 * with and without {@code --no-center}. Prints both accuracies; centring must not make it worse.
 */
class FontDigitsCenteringTest {
  private static final int MAX_FONTS = 12;

  @Test
  void centringByCenterOfMassImprovesFontDigits(@TempDir Path dir) throws Exception {
    List<String> fonts = fontsWithDigits();
    Assumptions.assumeFalse(fonts.isEmpty(), "FontDigitsCenteringTest: no font that renders digits is installed;"
        + " nothing to measure");
    Path data = IdxFiles.smallDigits(dir.resolve("data"), 5000, 0);
    Path out = dir.resolve("run");
    assertEquals(0, DigitsMain.run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), "--data",
        data.toString(), "--epochs", "3", "--batch", "16", "--out", out.toString()));
    ClassifyCommand.Model model = ClassifyCommand.Model.load(out.resolve("lenet5.model"));
    assertTrue(model.preprocessing().centersDigits(), "a model trained on digits records MNIST centring");
    int total = 0;
    int centred = 0;
    int plain = 0;
    List<String> mistakes = new ArrayList<>();
    for (String font : fonts) {
      for (boolean tight : new boolean[] {true, false}) {
        for (int digit = 0; digit <= 9; digit++) {
          Path png = dir.resolve("digit.png");
          ImageIO.write(render(font, digit, tight), "png", png.toFile());
          total++;
          int a = model.predict(model.read(png, true));
          int b = model.predict(model.read(png, false));
          centred += a == digit ? 1 : 0;
          plain += b == digit ? 1 : 0;
          if (a != digit) {
            mistakes.add(font + (tight ? " tight " : " page ") + digit + "→" + a);
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "font digits (%d fonts, %d images): classify accuracy %.1f%% without centring,"
        + " %.1f%% with MNIST centring%n", fonts.size(), total, 100.0 * plain / total, 100.0 * centred / total);
    System.out.println("mistakes with centring: " + mistakes);
    assertTrue(centred >= plain, "centring made it worse: " + centred + " < " + plain + " of " + total);
  }

  static List<String> fontsWithDigits() {
    List<String> fonts = new ArrayList<>();
    for (String family : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
      Font f = new Font(family, Font.PLAIN, 40);
      if (f.canDisplayUpTo("0123456789") == -1 && !family.toLowerCase(Locale.ROOT).contains("symbol")
          && !family.toLowerCase(Locale.ROOT).contains("dingbat")) {
        fonts.add(family);
      }
    }
    fonts.sort(null);
    return fonts.subList(0, Math.min(MAX_FONTS, fonts.size()));
  }

  /** Black on white: a tight crop the digit fills (small margin), or a 120×120 page with the digit off-centre. */
  static BufferedImage render(String family, int digit, boolean tight) {
    Font font = new Font(family, Font.PLAIN, 64);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    FontMetrics m = probe.createGraphics().getFontMetrics(font);
    String s = Integer.toString(digit);
    int w = m.stringWidth(s);
    int h = m.getAscent();
    int width = tight ? w + 8 : 120;
    int height = tight ? h + 8 : 120;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(font);
    g.drawString(s, tight ? 4 : 12, tight ? h + 2 : h + 20);
    g.dispose();
    return image;
  }
}
