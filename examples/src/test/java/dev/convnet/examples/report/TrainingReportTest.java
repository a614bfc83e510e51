package dev.convnet.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {
  private static final Pattern IMG = Pattern.compile("<img class=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"[^>]*"
      + " src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
  private static String html;

  @BeforeAll
  static void render() {
    html = ReportFixtures.report().html();
  }

  @Test
  void hasEverySectionAndId() {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    for (String id : List.of("header", "final-accuracy", "curves-section", "loss-chart", "accuracy-chart", "history",
        "model-section", "summary", "filters-section", "features-section", "confusion-section", "confusion",
        "settings-section", "settings", "true-label", "predicted-label")) {
      assertTrue(html.contains("id=\"" + id + "\""), "missing id " + id);
    }
    assertTrue(html.contains("<span id=\"final-accuracy\" class=\"big\">97.51%</span>"));
    assertTrue(html.contains("<h1>LeNet5 — training report</h1>"));
    assertTrue(html.contains("<h2>C1 filters</h2>"));
    assertTrue(html.contains("training time 41.5 s"));
  }

  @Test
  void isSelfContained() {
    String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespace.contains("http://"), "no remote references");
    assertFalse(withoutNamespace.contains("https://"), "no remote references");
    assertFalse(html.contains("<link"), "no external stylesheets");
    assertFalse(html.contains("<script src"), "no external scripts");
    assertFalse(html.contains("url("), "no CSS resources");
    Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    while (src.find()) {
      assertTrue(src.group(1).startsWith("data:image/png;base64,"), src.group(1));
    }
  }

  @Test
  void summaryTableHasFormattedNumbersAndTotals() {
    String summary = table(html, "summary");
    List<LayerInfo> layers = new LeNet5Net().layers();
    assertEquals(layers.size(), count(summary, "<td class=\"name\">"));
    assertTrue(summary.contains("<td>122,304</td>"), "C1 connections with a thousands separator");
    assertTrue(summary.contains("<td>48,120</td>"));
    assertTrue(summary.contains("<td class=\"shape\">6×28×28</td>"));
    assertTrue(summary.contains("<td class=\"shape\">84</td>"), "a vector prints as its length");
    assertTrue(summary.contains("Conv 5×5, table 60/96, tanh"));
    long params = layers.stream().mapToLong(LayerInfo::parameters).sum();
    long connections = layers.stream().mapToLong(LayerInfo::connections).sum();
    long macs = layers.stream().mapToLong(LayerInfo::macs).sum();
    assertEquals(60_850, params);
    assertTrue(summary.contains("<td id=\"total-parameters\">60,850</td>"));
    assertTrue(summary.contains("<td id=\"total-connections\">" + String.format(Locale.US, "%,d", connections)));
    assertTrue(summary.contains("<td id=\"total-macs\">" + String.format(Locale.US, "%,d", macs)));
  }

  @Test
  void oneDataUriPngPerFilterAtItsSize() throws IOException {
    List<String[]> filters = images(html, "filter");
    assertEquals(ReportFixtures.FILTER_IMAGES, filters.size());
    for (String[] f : filters) {
      BufferedImage img = decode(f[3]);
      assertEquals(60, img.getWidth());
      assertEquals(60, img.getHeight());
      assertEquals("60", f[1]);
      // diverging scale normalized per filter: the largest magnitude is pure black or pure white
      int min = 255;
      int max = 0;
      for (int y = 0; y < 60; y++) {
        for (int x = 0; x < 60; x++) {
          int g = img.getRaster().getSample(x, y, 0);
          min = Math.min(min, g);
          max = Math.max(max, g);
        }
      }
      assertTrue(min == 0 || max == 255, "normalized: " + min + ".." + max);
    }
  }

  @Test
  void oneDataUriPngPerFeatureMap() throws IOException {
    List<String[]> maps = images(html, "feature-map");
    List<String[]> strips = images(html, "feature-map strip");
    assertEquals(ReportFixtures.FEATURE_MAP_IMAGES, maps.size() + strips.size());
    assertEquals(3, strips.size(), "c5 (120×1×1), f6 and out are strips");
    for (String[] m : maps) {
      BufferedImage img = decode(m[3]);
      assertEquals(Integer.parseInt(m[1]), img.getWidth());
      assertEquals(Integer.parseInt(m[2]), img.getHeight());
      assertTrue(img.getWidth() >= 80, "scaled up to be visible: " + img.getWidth());
    }
    assertEquals(120 * 5, decode(strips.get(0)[3]).getWidth());
    List<String[]> input = images(html, "input-image");
    assertEquals(1, input.size());
    assertEquals(128, decode(input.get(0)[3]).getWidth());
    for (String layer : List.of("c1", "s2", "c3", "s4", "c5", "f6", "out")) {
      assertTrue(html.contains("<figure class=\"layer\" data-layer=\"" + layer + "\">"), layer);
    }
    assertTrue(html.contains("<span class=\"layer-name\">c3</span> — 16×10×10"));
    assertTrue(html.contains("<span class=\"layer-name\">f6</span> — 84 units"));
    assertTrue(html.contains("<dd id=\"predicted-label\" class=\"correct\">7 ✓</dd>"));
  }

  @Test
  void confusionTableHasEveryCellRecallAndShading() {
    String table = table(html, "confusion");
    int[][] m = ReportFixtures.confusion();
    assertEquals(100, count(table, "<td class=\"cell"));
    assertEquals(10, count(table, "<td class=\"cell diag"));
    for (int t = 0; t < 10; t++) {
      long row = 0;
      for (int p = 0; p < 10; p++) {
        row += m[t][p];
        Matcher cell = Pattern.compile("data-true=\"" + t + "\" data-pred=\"" + p
            + "\" style=\"background:rgba\\([0-9,]+,([0-9.]+)\\)[^\"]*\"[^>]*>([0-9,]+)</td>").matcher(table);
        assertTrue(cell.find(), "cell " + t + "," + p);
        assertEquals(String.format(Locale.US, "%,d", m[t][p]), cell.group(2));
        double alpha = Double.parseDouble(cell.group(1));
        assertEquals(m[t][p] == 0, alpha == 0, "shaded iff non-zero");
      }
      String recall = String.format(Locale.ROOT, "%.2f%%", 100.0 * m[t][t] / row);
      assertTrue(table.contains("<td class=\"recall\">" + recall + "</td>"), "recall of " + t + ": " + recall);
    }
    assertEquals(10, count(table, "<td class=\"precision\">"));
    assertTrue(table.contains("<th class=\"pred\">9</th>"));
  }

  @Test
  void polylinesHaveOnePointPerEpoch() {
    for (String id : List.of("loss-chart", "accuracy-chart")) {
      String svg = svg(html, id);
      Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(svg);
      int lines = 0;
      while (line.find()) {
        lines++;
        String[] points = line.group(1).trim().split(" ");
        assertEquals(ReportFixtures.EPOCHS, points.length, id);
        double previousX = -1;
        for (String p : points) {
          String[] xy = p.split(",");
          double x = Double.parseDouble(xy[0]);
          double y = Double.parseDouble(xy[1]);
          assertTrue(x > previousX, "x increases");
          assertTrue(x >= 0 && x <= SvgChart.WIDTH && y >= 0 && y <= SvgChart.HEIGHT, p);
          previousX = x;
        }
      }
      assertEquals(2, lines, id + ": train and test");
      assertEquals(2 * ReportFixtures.EPOCHS, count(svg, "<circle class=\"marker\""));
      assertTrue(svg.contains("class=\"legend\""));
      assertTrue(svg.contains("class=\"tick-label\""));
      assertTrue(svg.contains(">epoch</text>"));
    }
    assertTrue(svg(html, "accuracy-chart").contains("100%</text>"), "percent ticks");
    assertTrue(svg(html, "loss-chart").contains(">train loss</text>"));
    assertTrue(svg(html, "loss-chart").contains(">test loss</text>"));
  }

  @Test
  void singleEpochAndMissingValuesStillDraw() {
    String one = TrainingReport.builder("Tiny").history(List.of(new EpochPoint(1, 0.5, 0.8, Double.NaN, 0.75, 1)))
        .build().html();
    Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(svg(one, "loss-chart"));
    assertTrue(line.find());
    assertEquals(1, line.group(1).split(" ").length);
    assertTrue(line.find());
    assertEquals("", line.group(1), "a NaN test loss is left out");
    assertTrue(one.contains(">75.00%</span>"), "accuracy defaults to the last epoch's");
  }

  @Test
  void settingsAreShownInOrderAndEscaped() {
    String table = table(html, "settings");
    assertTrue(table.indexOf(">epochs<") < table.indexOf(">optimizer<"));
    assertTrue(table.contains("<th>lr</th><td>0.01</td>"));
    assertTrue(table.contains("mnist-digits-10k &lt;bundled&gt;"));
  }

  @Test
  void emptyReportSaysWhatIsMissing() {
    String empty = TrainingReport.builder("Empty <net>").build().html();
    assertTrue(empty.contains("Empty &lt;net&gt;"));
    assertTrue(empty.contains("No epochs recorded."));
    assertTrue(empty.contains("No confusion matrix recorded."));
    assertFalse(empty.contains("<img"));
    assertFalse(empty.contains("<svg"));
  }

  @Test
  void rejectsInconsistentInput() {
    TrainingReport.Builder b = TrainingReport.builder("x");
    assertThrows(IllegalArgumentException.class, () -> b.confusion(new int[3][3], ReportFixtures.DIGITS));
    assertThrows(IllegalArgumentException.class, () -> b.filters("c1", new float[10], 6, 1, 5, 5));
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureMaps("c1", Shape.map(6, 28, 28), new float[100]));
  }

  @Test
  void writesAtomicallyLeavingNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub").resolve("report.html");
    TrainingReport report = ReportFixtures.report();
    assertEquals(file, report.write(file));
    Files.writeString(file, "old");
    report.write(file);
    assertEquals(html, Files.readString(file, StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "only the report, no temp files");
    }
  }

  // ---------------------------------------------------------------- helpers

  static List<String[]> images(String html, String cssClass) {
    List<String[]> found = new ArrayList<>();
    Matcher m = IMG.matcher(html);
    while (m.find()) {
      if (m.group(1).equals(cssClass)) {
        found.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
      }
    }
    return found;
  }

  static BufferedImage decode(String base64) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    assertNotNull(img, "a decodable PNG");
    return img;
  }

  private static String table(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertTrue(start >= 0, "table " + id);
    return html.substring(start, html.indexOf("</table>", start));
  }

  private static String svg(String html, String id) {
    int start = html.indexOf("<svg id=\"" + id + "\"");
    assertTrue(start >= 0, "svg " + id);
    return html.substring(start, html.indexOf("</svg>", start));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
