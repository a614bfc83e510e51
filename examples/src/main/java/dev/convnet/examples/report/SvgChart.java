package dev.convnet.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-written inline SVG line charts: axes, ticks, grid, labels, a legend, one polyline per series. */
final class SvgChart {
  static final int WIDTH = 560;
  static final int HEIGHT = 320;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 48;

  /** One line: x and y of equal length; points with a non-finite y are left out. */
  record Series(String name, String cssClass, String color, boolean dashed, double[] x, double[] y) {
  }

  private SvgChart() {
  }

  /**
   * @param percent   y values are fractions shown as percentages, and the axis stays within [0, 1]
   * @param yFromZero the y axis starts at zero (losses)
   * @param legendTop the legend goes top-right (else bottom-right)
   */
  static String lineChart(String id, String title, String xLabel, String yLabel, List<Series> series,
                          boolean percent, boolean yFromZero, boolean legendTop) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          xMin = Math.min(xMin, s.x()[i]);
          xMax = Math.max(xMax, s.x()[i]);
          yMin = Math.min(yMin, s.y()[i]);
          yMax = Math.max(yMax, s.y()[i]);
        }
      }
    }
    if (!(xMin <= xMax)) {
      xMin = 0;
      xMax = 1;
      yMin = 0;
      yMax = 1;
    }
    if (xMax == xMin) {
      xMin -= 1;
      xMax += 1;
    }
    if (yFromZero) {
      yMin = Math.min(0, yMin);
    }
    if (percent) {
      yMin = Math.max(0, yMin);
      yMax = Math.min(1, Math.max(yMax, yMin));
    }
    if (yMax == yMin) {
      double pad = yMax == 0 ? 1 : Math.abs(yMax) * 0.1;
      yMin = yFromZero || percent ? Math.max(0, yMin - pad) : yMin - pad;
      yMax += pad;
    }
    double yStep = niceStep(yMax - yMin, 5);
    double yLo = Math.floor(yMin / yStep + 1e-9) * yStep;
    double yHi = Math.ceil(yMax / yStep - 1e-9) * yStep;
    if (percent) {
      yLo = Math.max(0, yLo);
      yHi = Math.min(Math.max(1, yLo + yStep), yHi);
    }
    double xStep = Math.max(1, niceStep(xMax - xMin, 8));
    double xLo = xMin;
    double xHi = xMax;

    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    final double fxLo = xLo;
    final double fxHi = xHi;
    final double fyLo = yLo;
    final double fyHi = yHi;
    java.util.function.DoubleUnaryOperator sx = v -> LEFT + (v - fxLo) / (fxHi - fxLo) * plotW;
    java.util.function.DoubleUnaryOperator sy = v -> TOP + plotH - (v - fyLo) / (fyHi - fyLo) * plotH;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"").append(id).append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\">\n");
    svg.append("<title id=\"").append(id).append("-title\">").append(Html.esc(title)).append("</title>\n");
    svg.append("<rect class=\"plot-area\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(fmt(plotW)).append("\" height=\"").append(fmt(plotH)).append("\" fill=\"#fff\"/>\n");

    // y grid and ticks
    int yDecimals = decimals(percent ? yStep * 100 : yStep);
    svg.append("<g class=\"axis y-axis\" font-size=\"11\" fill=\"#444\">\n");
    for (int k = 0; ; k++) {
      double v = yLo + k * yStep;
      if (v > yHi + yStep * 1e-6) {
        break;
      }
      double py = sy.applyAsDouble(v);
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(fmt(LEFT + plotW))
          .append("\" y1=\"").append(fmt(py)).append("\" y2=\"").append(fmt(py))
          .append("\" stroke=\"#e5e5e5\"/>");
      svg.append("<line class=\"tick\" x1=\"").append(LEFT - 5).append("\" x2=\"").append(LEFT)
          .append("\" y1=\"").append(fmt(py)).append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#333\"/>");
      String label = percent
          ? String.format(Locale.ROOT, "%." + yDecimals + "f%%", v * 100)
          : String.format(Locale.ROOT, "%." + yDecimals + "f", v);
      svg.append("<text class=\"tick-label\" x=\"").append(LEFT - 8).append("\" y=\"").append(fmt(py + 4))
          .append("\" text-anchor=\"end\">").append(label).append("</text>\n");
    }
    svg.append("</g>\n");

    // x ticks
    svg.append("<g class=\"axis x-axis\" font-size=\"11\" fill=\"#444\">\n");
    double firstTick = Math.ceil(xLo / xStep - 1e-9) * xStep;
    for (double v = firstTick; v <= xHi + 1e-9; v += xStep) {
      double px = sx.applyAsDouble(v);
      svg.append("<line class=\"tick\" x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px))
          .append("\" y1=\"").append(fmt(TOP + plotH)).append("\" y2=\"").append(fmt(TOP + plotH + 5))
          .append("\" stroke=\"#333\"/>");
      svg.append("<text class=\"tick-label\" x=\"").append(fmt(px)).append("\" y=\"").append(fmt(TOP + plotH + 18))
          .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.0f", v)).append("</text>\n");
    }
    svg.append("</g>\n");

    // axes and their labels
    svg.append("<path class=\"axis-line\" d=\"M").append(LEFT).append(' ').append(TOP).append(" V")
        .append(fmt(TOP + plotH)).append(" H").append(fmt(LEFT + plotW))
        .append("\" fill=\"none\" stroke=\"#333\"/>\n");
    svg.append("<text class=\"axis-label\" x=\"").append(fmt(LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 8)
        .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">").append(Html.esc(xLabel))
        .append("</text>\n");
    svg.append("<text class=\"axis-label\" transform=\"translate(14 ").append(fmt(TOP + plotH / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">").append(Html.esc(yLabel))
        .append("</text>\n");

    // series
    for (Series s : series) {
      List<String> points = new ArrayList<>();
      StringBuilder markers = new StringBuilder();
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
          continue;
        }
        double px = sx.applyAsDouble(s.x()[i]);
        double py = sy.applyAsDouble(s.y()[i]);
        points.add(fmt(px) + "," + fmt(py));
        String value = percent
            ? String.format(Locale.ROOT, "%.2f%%", s.y()[i] * 100)
            : String.format(Locale.ROOT, "%.4f", s.y()[i]);
        markers.append("<circle class=\"marker\" cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py))
            .append("\" r=\"3\" fill=\"").append(s.color()).append("\"><title>").append(Html.esc(s.name()))
            .append(", epoch ").append(String.format(Locale.ROOT, "%.0f", s.x()[i])).append(": ").append(value)
            .append("</title></circle>");
      }
      svg.append("<g class=\"series ").append(s.cssClass()).append("\">\n");
      svg.append("<polyline class=\"line ").append(s.cssClass()).append("\" data-series=\"")
          .append(Html.esc(s.name())).append("\" points=\"").append(String.join(" ", points))
          .append("\" fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\"")
          .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" stroke-linejoin=\"round\"/>\n");
      svg.append(markers).append("\n</g>\n");
    }

    // legend
    int legendW = 0;
    for (Series s : series) {
      legendW = Math.max(legendW, 40 + 7 * s.name().length());
    }
    int legendH = 8 + 18 * series.size();
    double lx = LEFT + plotW - legendW - 8;
    double ly = legendTop ? TOP + 8 : TOP + plotH - legendH - 8;
    svg.append("<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n");
    svg.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(ly)).append("\" width=\"").append(legendW)
        .append("\" height=\"").append(legendH)
        .append("\" fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#ccc\" rx=\"3\"/>\n");
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      double y = ly + 4 + 18 * i + 9;
      svg.append("<line x1=\"").append(fmt(lx + 8)).append("\" x2=\"").append(fmt(lx + 32)).append("\" y1=\"")
          .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(s.color())
          .append("\" stroke-width=\"2\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
      svg.append("<text x=\"").append(fmt(lx + 38)).append("\" y=\"").append(fmt(y + 4)).append("\">")
          .append(Html.esc(s.name())).append("</text>\n");
    }
    svg.append("</g>\n");
    svg.append("</svg>");
    return svg.toString();
  }

  /** 1, 2 or 5 times a power of ten, giving about {@code target} steps over {@code range}. */
  static double niceStep(double range, int target) {
    if (!(range > 0) || !Double.isFinite(range)) {
      return 1;
    }
    double raw = range / target;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    return nice * magnitude;
  }

  private static int decimals(double step) {
    if (step >= 1) {
      return 0;
    }
    return (int) Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
