package dev.convnet.examples.report;

import static dev.convnet.examples.report.Html.esc;

import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML report of a training run: one file with inline CSS, inline SVG charts and PNG images as
 * base64 data URIs, so it opens in any browser without network access.
 *
 * <p>Sections (each optional but the header; a missing one says so): the header with the final test accuracy; loss and
 * accuracy curves per epoch ({@code <svg id="loss-chart">}, {@code <svg id="accuracy-chart">}) and a history table
 * ({@code <table id="history">}); the model summary ({@code <table id="summary">}); the first layer's filters
 * ({@code <img class="filter">}); the feature maps of one sample at every layer ({@code <img class="input-image">},
 * {@code <img class="feature-map">}); the confusion matrix with per-class recall ({@code <table id="confusion">});
 * the settings ({@code <table id="settings">}).
 *
 * <p>The page carries a tiny inline script that, once loaded, checks every image decoded and every chart has a
 * non-empty bounding box, and records the result on {@code <body data-render-check="ok imgs=N charts=2 lines=4">}
 * (or {@code "fail: ..."}), so a headless browser can verify the report really renders.
 *
 * <pre>{@code
 * TrainingReport.builder("LeNet5")
 *     .history(epochs).model(net.layers())
 *     .filters("c1", c1Weights, 6, 1, 5, 5)
 *     .sample(inputMaps, "7", "7", layerMaps)
 *     .confusion(matrix, List.of("0", "1", ..., "9"))
 *     .settings(Map.of("epochs", 20, "optimizer", "SGD"))
 *     .build().write(Path.of("report.html"));
 * }</pre>
 */
public final class TrainingReport {
  private static final String TRAIN_COLOR = "#1f77b4";
  private static final String TEST_COLOR = "#d62728";
  static final int FILTER_PIXELS = 60;
  static final int MAP_PIXELS = 84;
  static final int INPUT_PIXELS = 128;
  static final int STRIP_PIXELS = 600;
  static final int STRIP_HEIGHT = 24;

  private final String title;
  private final List<EpochPoint> history;
  private final List<LayerInfo> layers;
  private final int[][] confusion;
  private final List<String> labels;
  private final String filterLayer;
  private final float[] filterWeights;
  private final int filterCount;
  private final int filterChannels;
  private final int filterHeight;
  private final int filterWidth;
  private final FeatureMaps input;
  private final String trueLabel;
  private final String predictedLabel;
  private final List<FeatureMaps> featureMaps;
  private final double testAccuracy;
  private final double trainingSeconds;
  private final Map<String, String> settings;

  private TrainingReport(Builder b) {
    this.title = b.title;
    this.history = List.copyOf(b.history);
    this.layers = List.copyOf(b.layers);
    this.confusion = b.confusion;
    this.labels = b.labels;
    this.filterLayer = b.filterLayer;
    this.filterWeights = b.filterWeights;
    this.filterCount = b.filterCount;
    this.filterChannels = b.filterChannels;
    this.filterHeight = b.filterHeight;
    this.filterWidth = b.filterWidth;
    this.input = b.input;
    this.trueLabel = b.trueLabel;
    this.predictedLabel = b.predictedLabel;
    this.featureMaps = List.copyOf(b.featureMaps);
    double acc = b.testAccuracy;
    if (Double.isNaN(acc) && !history.isEmpty()) {
      acc = history.get(history.size() - 1).testAccuracy();
    }
    this.testAccuracy = acc;
    double secs = b.trainingSeconds;
    if (Double.isNaN(secs) && !history.isEmpty()) {
      secs = history.stream().mapToDouble(EpochPoint::seconds).filter(Double::isFinite).sum();
    }
    this.trainingSeconds = secs;
    this.settings = new LinkedHashMap<>(b.settings);
  }

  /** A report on the network called {@code title} (e.g. {@code "LeNet5"}). */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** The final test accuracy shown in the header (given, or the last epoch's), in [0, 1]; NaN when unknown. */
  public double testAccuracy() {
    return testAccuracy;
  }

  /** Writes the report atomically (a temporary file in the same directory, then a rename); returns {@code file}. */
  public Path write(Path file) throws IOException {
    Png.writeAtomically(file, html().getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** The whole report as one HTML document. */
  public String html() {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" — training report</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    header(h);
    nav(h);
    curves(h);
    summary(h);
    filters(h);
    features(h);
    confusion(h);
    settings(h);
    h.append("<footer>Generated by convnet-compiler. This file is self-contained: no network access needed.</footer>\n");
    h.append("<script>\n").append(RENDER_CHECK).append("</script>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  // ---------------------------------------------------------------- sections

  private void header(StringBuilder h) {
    h.append("<header id=\"header\">\n<h1>").append(esc(title)).append(" — training report</h1>\n");
    h.append("<div class=\"headline\"><span id=\"final-accuracy\" class=\"big\">").append(Html.percent(testAccuracy))
        .append("</span> <span class=\"muted\">final test accuracy</span></div>\n");
    List<String> facts = new ArrayList<>();
    if (!history.isEmpty()) {
      facts.add(history.size() + (history.size() == 1 ? " epoch" : " epochs"));
      EpochPoint best = null;
      for (EpochPoint p : history) {
        if (Double.isFinite(p.testAccuracy()) && (best == null || p.testAccuracy() > best.testAccuracy())) {
          best = p;
        }
      }
      EpochPoint last = history.get(history.size() - 1);
      facts.add("final train accuracy " + Html.percent(last.trainAccuracy()));
      facts.add("test loss " + Html.number(last.testLoss(), 4));
      if (best != null) {
        facts.add("best test accuracy " + Html.percent(best.testAccuracy()) + " (epoch " + best.epoch() + ")");
      }
    }
    if (Double.isFinite(trainingSeconds)) {
      facts.add("training time " + Html.duration(trainingSeconds));
    }
    if (!layers.isEmpty()) {
      facts.add(Html.thousands(layers.stream().mapToLong(LayerInfo::parameters).sum()) + " parameters");
    }
    h.append("<p class=\"facts\">").append(esc(String.join(" · ", facts))).append("</p>\n</header>\n");
  }

  private static void nav(StringBuilder h) {
    h.append("<nav><a href=\"#curves-section\">Curves</a><a href=\"#model-section\">Model</a>")
        .append("<a href=\"#filters-section\">Filters</a><a href=\"#features-section\">Feature maps</a>")
        .append("<a href=\"#confusion-section\">Confusion matrix</a><a href=\"#settings-section\">Settings</a></nav>\n");
  }

  private void curves(StringBuilder h) {
    h.append("<section id=\"curves-section\">\n<h2>Training curves</h2>\n");
    if (history.isEmpty()) {
      h.append("<p class=\"missing\">No epochs recorded.</p>\n</section>\n");
      return;
    }
    int n = history.size();
    double[] x = new double[n];
    double[] trainLoss = new double[n];
    double[] testLoss = new double[n];
    double[] trainAcc = new double[n];
    double[] testAcc = new double[n];
    for (int i = 0; i < n; i++) {
      EpochPoint p = history.get(i);
      x[i] = p.epoch();
      trainLoss[i] = p.trainLoss();
      testLoss[i] = p.testLoss();
      trainAcc[i] = p.trainAccuracy();
      testAcc[i] = p.testAccuracy();
    }
    h.append("<div class=\"charts\">\n<figure>\n");
    h.append(SvgChart.lineChart("loss-chart", "Loss per epoch", "epoch", "loss", List.of(
        new SvgChart.Series("train loss", "train", TRAIN_COLOR, false, x, trainLoss),
        new SvgChart.Series("test loss", "test", TEST_COLOR, true, x, testLoss)), false, true, true));
    h.append("\n<figcaption>Loss (mean cross-entropy) per epoch</figcaption>\n</figure>\n<figure>\n");
    h.append(SvgChart.lineChart("accuracy-chart", "Accuracy per epoch", "epoch", "accuracy", List.of(
        new SvgChart.Series("train accuracy", "train", TRAIN_COLOR, false, x, trainAcc),
        new SvgChart.Series("test accuracy", "test", TEST_COLOR, true, x, testAcc)), true, false, false));
    h.append("\n<figcaption>Accuracy per epoch</figcaption>\n</figure>\n</div>\n");

    h.append("<details><summary>Per-epoch numbers</summary>\n<table id=\"history\" class=\"numbers\">\n")
        .append("<thead><tr><th>epoch</th><th>train loss</th><th>train accuracy</th><th>test loss</th>")
        .append("<th>test accuracy</th><th>seconds</th></tr></thead>\n<tbody>\n");
    for (EpochPoint p : history) {
      h.append("<tr><td>").append(p.epoch()).append("</td><td>").append(Html.number(p.trainLoss(), 4))
          .append("</td><td>").append(Html.percent(p.trainAccuracy())).append("</td><td>")
          .append(Html.number(p.testLoss(), 4)).append("</td><td>").append(Html.percent(p.testAccuracy()))
          .append("</td><td>").append(Html.number(p.seconds(), 1)).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</details>\n</section>\n");
  }

  private void summary(StringBuilder h) {
    h.append("<section id=\"model-section\">\n<h2>Model: ").append(esc(title)).append("</h2>\n");
    if (layers.isEmpty()) {
      h.append("<p class=\"missing\">No model summary.</p>\n</section>\n");
      return;
    }
    h.append("<table id=\"summary\" class=\"numbers\">\n<thead><tr><th>Layer</th><th>Kind</th><th>Inputs</th>")
        .append("<th>Output shape</th><th>Parameters</th><th>Connections</th><th>MACs</th></tr></thead>\n<tbody>\n");
    long params = 0;
    long connections = 0;
    long macs = 0;
    for (LayerInfo l : layers) {
      params += l.parameters();
      connections += l.connections();
      macs += l.macs();
      h.append("<tr><td class=\"name\">").append(esc(l.name())).append("</td><td class=\"kind\">")
          .append(esc(l.kind())).append("</td><td class=\"kind\">").append(esc(String.join(", ", l.inputs())))
          .append("</td><td class=\"shape\">").append(esc(l.outputShape().toString())).append("</td><td>")
          .append(Html.thousands(l.parameters())).append("</td><td>").append(Html.thousands(l.connections()))
          .append("</td><td>").append(Html.thousands(l.macs())).append("</td></tr>\n");
    }
    h.append("</tbody>\n<tfoot><tr class=\"totals\"><th colspan=\"4\">Total (").append(layers.size())
        .append(" layers)</th><td id=\"total-parameters\">").append(Html.thousands(params))
        .append("</td><td id=\"total-connections\">").append(Html.thousands(connections))
        .append("</td><td id=\"total-macs\">").append(Html.thousands(macs)).append("</td></tr></tfoot>\n</table>\n");
    h.append("<p class=\"note\">Trainable parameters: ").append(Html.thousands(params))
        .append(". Connections are counted as in the LeNet-5 paper (each multiply, plus one per bias); ")
        .append("MACs are multiply-accumulates per sample in the forward pass.</p>\n</section>\n");
  }

  private void filters(StringBuilder h) {
    String name = filterLayer == null ? "First-layer" : filterLayer.toUpperCase(java.util.Locale.ROOT);
    h.append("<section id=\"filters-section\">\n<h2>").append(esc(name)).append(" filters</h2>\n");
    if (filterWeights == null) {
      h.append("<p class=\"missing\">No filters recorded.</p>\n</section>\n");
      return;
    }
    int scale = scaleFor(Math.max(filterHeight, filterWidth), FILTER_PIXELS, 24);
    int kernel = filterHeight * filterWidth;
    h.append("<p class=\"note\">").append(filterCount).append(" learned kernels of ").append(filterChannels)
        .append("×").append(filterHeight).append("×").append(filterWidth)
        .append(", each enlarged ").append(scale).append("× and normalized on its own: ")
        .append("mid-grey is zero, white the most positive weight, black the most negative.</p>\n");
    h.append("<div class=\"filters\">\n");
    for (int f = 0; f < filterCount; f++) {
      for (int c = 0; c < filterChannels; c++) {
        int offset = (f * filterChannels + c) * kernel;
        float[] range = range(filterWeights, offset, kernel);
        BufferedImage img = Png.grayscaleImage(filterWeights, offset, filterHeight, filterWidth, scale, scale, true);
        String label = "filter " + (f + 1) + (filterChannels > 1 ? ", channel " + (c + 1) : "");
        h.append("<figure class=\"filter-figure\">");
        img(h, "filter", img, label + ": weights " + Html.number(range[0], 3) + " … " + Html.number(range[1], 3));
        h.append("<figcaption>").append(esc(label)).append("</figcaption></figure>\n");
      }
    }
    h.append("</div>\n</section>\n");
  }

  private void features(StringBuilder h) {
    h.append("<section id=\"features-section\">\n<h2>Feature maps of one sample</h2>\n");
    if (input == null && featureMaps.isEmpty()) {
      h.append("<p class=\"missing\">No sample recorded.</p>\n</section>\n");
      return;
    }
    if (input != null) {
      Shape s = input.shape();
      float[] v = input.values();
      boolean correct = Objects.equals(trueLabel, predictedLabel);
      h.append("<div class=\"sample\">\n<figure class=\"input\">");
      int scale = scaleFor(Math.max(s.height(), s.width()), INPUT_PIXELS, 16);
      for (int c = 0; c < s.channels(); c++) {
        img(h, "input-image", Png.grayscaleImage(v, c * s.height() * s.width(), s.height(), s.width(), scale, scale,
            false), "input " + s);
      }
      h.append("<figcaption>").append(esc(input.layer())).append(" — ").append(esc(s.toString()))
          .append("</figcaption></figure>\n<dl class=\"labels\"><dt>true label</dt><dd id=\"true-label\">")
          .append(esc(trueLabel)).append("</dd><dt>predicted</dt><dd id=\"predicted-label\" class=\"")
          .append(correct ? "correct" : "wrong").append("\">").append(esc(predictedLabel))
          .append(correct ? " ✓" : " ✗").append("</dd></dl>\n</div>\n");
    }
    h.append("<p class=\"note\">Each map is min-max normalized on its own (black lowest, white highest). ")
        .append("Vectors (dense layers) and stacks of 1×1 maps are drawn as one strip, one cell per unit, ")
        .append("normalized over the strip.</p>\n");
    for (FeatureMaps m : featureMaps) {
      Shape s = m.shape();
      float[] v = m.values();
      h.append("<figure class=\"layer\" data-layer=\"").append(esc(m.layer())).append("\">\n<figcaption>")
          .append("<span class=\"layer-name\">").append(esc(m.layer())).append("</span> — ")
          .append(esc(s.toString())).append(s.vector() ? " units" : "").append("</figcaption>\n<div class=\"maps\">");
      if (m.isStrip()) {
        int n = s.size();
        int unit = Math.max(2, Math.min(24, Math.round((float) STRIP_PIXELS / n)));
        float[] r = range(v, 0, n);
        h.append("<div class=\"strip-box\">");
        img(h, "feature-map strip", Png.grayscaleImage(v, 0, 1, n, STRIP_HEIGHT, unit, false),
            m.layer() + ": " + n + " values " + Html.number(r[0], 3) + " … " + Html.number(r[1], 3));
        if (labels != null && n == labels.size()) {
          h.append("<table class=\"strip-values\" style=\"width:").append(n * unit).append("px\"><tr>");
          int arg = 0;
          for (int i = 1; i < n; i++) {
            if (v[i] > v[arg]) {
              arg = i;
            }
          }
          for (int i = 0; i < n; i++) {
            h.append("<td").append(i == arg ? " class=\"max\"" : "").append(" style=\"width:").append(unit)
                .append("px\" title=\"").append(esc(labels.get(i))).append(": ").append(Html.number(v[i], 3))
                .append("\">").append(esc(labels.get(i))).append("</td>");
          }
          h.append("</tr></table>");
        }
        h.append("</div>");
      } else {
        int hw = s.height() * s.width();
        int scale = scaleFor(Math.max(s.height(), s.width()), MAP_PIXELS, 16);
        for (int c = 0; c < s.channels(); c++) {
          float[] r = range(v, c * hw, hw);
          img(h, "feature-map", Png.grayscaleImage(v, c * hw, s.height(), s.width(), scale, scale, false),
              m.layer() + " map " + (c + 1) + ": " + Html.number(r[0], 3) + " … " + Html.number(r[1], 3));
        }
      }
      h.append("</div>\n</figure>\n");
    }
    h.append("</section>\n");
  }

  private void confusion(StringBuilder h) {
    h.append("<section id=\"confusion-section\">\n<h2>Confusion matrix</h2>\n");
    if (confusion == null) {
      h.append("<p class=\"missing\">No confusion matrix recorded.</p>\n</section>\n");
      return;
    }
    int k = confusion.length;
    long total = 0;
    long correct = 0;
    long[] rowSum = new long[k];
    long[] colSum = new long[k];
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        rowSum[t] += confusion[t][p];
        colSum[p] += confusion[t][p];
        total += confusion[t][p];
      }
      correct += confusion[t][t];
    }
    h.append("<p class=\"note\">Rows are the true class, columns the predicted class; ")
        .append(Html.thousands(correct)).append(" of ").append(Html.thousands(total)).append(" correct (")
        .append(Html.percent(total == 0 ? Double.NaN : (double) correct / total))
        .append("). Shading is the share of the row: blue on the diagonal, red off it.</p>\n");
    h.append("<div class=\"scroll\"><table id=\"confusion\">\n<thead><tr><th class=\"corner\">true \\ predicted</th>");
    for (String label : labels) {
      h.append("<th class=\"pred\">").append(esc(label)).append("</th>");
    }
    h.append("<th class=\"recall\">recall</th><th class=\"count\">samples</th></tr></thead>\n<tbody>\n");
    for (int t = 0; t < k; t++) {
      h.append("<tr><th class=\"true\">").append(esc(labels.get(t))).append("</th>");
      for (int p = 0; p < k; p++) {
        int count = confusion[t][p];
        double share = rowSum[t] == 0 ? 0 : (double) count / rowSum[t];
        boolean diagonal = t == p;
        // Errors are rare: a square root makes a few of them visible.
        double alpha = count == 0 ? 0 : diagonal ? 0.1 + 0.85 * share : 0.08 + 0.8 * Math.sqrt(share);
        String rgb = diagonal ? "31,119,180" : "214,39,40";
        h.append("<td class=\"cell").append(diagonal ? " diag" : "").append(count == 0 ? " zero" : "")
            .append("\" data-true=\"").append(t).append("\" data-pred=\"").append(p).append("\" style=\"background:")
            .append(String.format(java.util.Locale.ROOT, "rgba(%s,%.3f)", rgb, alpha))
            .append(alpha > 0.55 ? ";color:#fff" : "").append("\" title=\"true ").append(esc(labels.get(t)))
            .append(", predicted ").append(esc(labels.get(p))).append(": ").append(Html.thousands(count))
            .append(" (").append(Html.percent(share)).append(" of row)\">").append(Html.thousands(count))
            .append("</td>");
      }
      h.append("<td class=\"recall\">").append(Html.percent(rowSum[t] == 0 ? Double.NaN
          : (double) confusion[t][t] / rowSum[t])).append("</td><td class=\"count\">")
          .append(Html.thousands(rowSum[t])).append("</td></tr>\n");
    }
    h.append("</tbody>\n<tfoot><tr><th>precision</th>");
    for (int p = 0; p < k; p++) {
      h.append("<td class=\"precision\">").append(Html.percent(colSum[p] == 0 ? Double.NaN
          : (double) confusion[p][p] / colSum[p])).append("</td>");
    }
    h.append("<td class=\"recall overall\">").append(Html.percent(total == 0 ? Double.NaN : (double) correct / total))
        .append("</td><td class=\"count\">").append(Html.thousands(total)).append("</td></tr></tfoot>\n</table></div>\n")
        .append("</section>\n");
  }

  private void settings(StringBuilder h) {
    h.append("<section id=\"settings-section\">\n<h2>Settings</h2>\n");
    if (settings.isEmpty()) {
      h.append("<p class=\"missing\">No settings recorded.</p>\n</section>\n");
      return;
    }
    h.append("<table id=\"settings\">\n<tbody>\n");
    for (Map.Entry<String, String> e : settings.entrySet()) {
      h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  // ---------------------------------------------------------------- helpers

  private static void img(StringBuilder h, String cssClass, BufferedImage image, String title) {
    h.append("<img class=\"").append(cssClass).append("\" width=\"").append(image.getWidth()).append("\" height=\"")
        .append(image.getHeight()).append("\" alt=\"").append(esc(title)).append("\" title=\"").append(esc(title))
        .append("\" src=\"").append(Png.dataUri(Png.encode(image))).append("\">");
  }

  /** An integer scale bringing {@code size} pixels near {@code target}, at least 1, at most {@code max}. */
  static int scaleFor(int size, int target, int max) {
    return Math.max(1, Math.min(max, Math.round((float) target / size)));
  }

  private static float[] range(float[] v, int offset, int n) {
    float min = Float.NaN;
    float max = Float.NaN;
    for (int i = offset; i < offset + n; i++) {
      if (Float.isFinite(v[i])) {
        min = Float.isNaN(min) ? v[i] : Math.min(min, v[i]);
        max = Float.isNaN(max) ? v[i] : Math.max(max, v[i]);
      }
    }
    return new float[] {min, max};
  }

  /** Collects the report's data; everything but the title is optional. */
  public static final class Builder {
    private final String title;
    private List<EpochPoint> history = List.of();
    private List<LayerInfo> layers = List.of();
    private int[][] confusion;
    private List<String> labels;
    private String filterLayer;
    private float[] filterWeights;
    private int filterCount;
    private int filterChannels;
    private int filterHeight;
    private int filterWidth;
    private FeatureMaps input;
    private String trueLabel;
    private String predictedLabel;
    private List<FeatureMaps> featureMaps = List.of();
    private double testAccuracy = Double.NaN;
    private double trainingSeconds = Double.NaN;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /** The epochs, in order. */
    public Builder history(List<EpochPoint> epochs) {
      this.history = List.copyOf(epochs);
      return this;
    }

    /** The model summary: one row per layer; the totals are their sums. */
    public Builder model(List<LayerInfo> layers) {
      this.layers = List.copyOf(layers);
      return this;
    }

    /** The confusion matrix: {@code matrix[true][predicted]}, square, one row per label. */
    public Builder confusion(int[][] matrix, List<String> labels) {
      if (matrix.length != labels.size()) {
        throw new IllegalArgumentException("the confusion matrix has " + matrix.length + " rows for "
            + labels.size() + " labels");
      }
      int[][] copy = new int[matrix.length][];
      for (int i = 0; i < matrix.length; i++) {
        if (matrix[i].length != labels.size()) {
          throw new IllegalArgumentException("row " + i + " of the confusion matrix has " + matrix[i].length
              + " columns for " + labels.size() + " labels");
        }
        for (int v : matrix[i]) {
          if (v < 0) {
            throw new IllegalArgumentException("negative count in row " + i + " of the confusion matrix");
          }
        }
        copy[i] = matrix[i].clone();
      }
      this.confusion = copy;
      this.labels = List.copyOf(labels);
      return this;
    }

    /**
     * The learned filters of layer {@code layer} (e.g. {@code "c1"}): {@code weights} starts with
     * {@code filters × inChannels × height × width} values in that order (LeNet-5's C1: 6×1×5×5); only those are
     * read, so the start of a parameter buffer will do.
     */
    public Builder filters(String layer, float[] weights, int filters, int inChannels, int height, int width) {
      if (filters <= 0 || inChannels <= 0 || height <= 0 || width <= 0) {
        throw new IllegalArgumentException("filter dimensions must be positive, got " + filters + "×" + inChannels
            + "×" + height + "×" + width);
      }
      long n = (long) filters * inChannels * height * width;
      if (weights.length < n) {
        throw new IllegalArgumentException(filters + "×" + inChannels + "×" + height + "×" + width + " filters need "
            + n + " weights, got " + weights.length);
      }
      this.filterLayer = layer;
      this.filterWeights = java.util.Arrays.copyOf(weights, (int) n);
      this.filterCount = filters;
      this.filterChannels = inChannels;
      this.filterHeight = height;
      this.filterWidth = width;
      return this;
    }

    /**
     * One sample: its input image ({@code input.shape()} e.g. 1×32×32, values as fed to the network), its true and
     * predicted labels, and its activations at every layer, in order.
     */
    public Builder sample(FeatureMaps input, String trueLabel, String predictedLabel, List<FeatureMaps> layers) {
      this.input = input;
      this.trueLabel = trueLabel;
      this.predictedLabel = predictedLabel;
      this.featureMaps = List.copyOf(layers);
      return this;
    }

    /** The final test accuracy in [0, 1] (default: the last epoch's). */
    public Builder testAccuracy(double accuracy) {
      this.testAccuracy = accuracy;
      return this;
    }

    /** Total training time in seconds (default: the sum of the epochs' seconds). */
    public Builder trainingSeconds(double seconds) {
      this.trainingSeconds = seconds;
      return this;
    }

    /** Free-form settings (epochs, batch, optimizer, lr, seed, threads, data set, ...), shown in the given order. */
    public Builder settings(Map<String, ?> settings) {
      settings.forEach((k, v) -> this.settings.put(String.valueOf(k), String.valueOf(v)));
      return this;
    }

    public TrainingReport build() {
      return new TrainingReport(this);
    }
  }

  // ---------------------------------------------------------------- page assets

  private static final String CSS = """
      :root { color-scheme: light; }
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
             margin: 0 auto; max-width: 1180px; padding: 16px 24px 40px; color: #222; background: #f6f7f9; }
      header { padding: 8px 0 4px; }
      h1 { font-size: 26px; margin: 8px 0; }
      h2 { font-size: 19px; margin: 0 0 12px; }
      .headline { margin: 6px 0; }
      .big { font-size: 44px; font-weight: 700; color: #1f77b4; }
      .muted, .note, figcaption, footer { color: #555; }
      .facts { margin: 4px 0 12px; }
      nav { position: sticky; top: 0; background: #f6f7f9; padding: 6px 0; z-index: 1; border-bottom: 1px solid #ddd; }
      nav a { margin-right: 16px; color: #1f5f99; text-decoration: none; }
      section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
      .charts { display: flex; flex-wrap: wrap; gap: 16px; }
      .charts figure { margin: 0; flex: 1 1 520px; }
      svg.chart { width: 100%; max-width: 560px; height: auto; display: block; }
      figure { margin: 0; }
      table { border-collapse: collapse; }
      th, td { padding: 4px 10px; border-bottom: 1px solid #e3e6ea; }
      th { text-align: left; background: #fafbfc; }
      table.numbers td { text-align: right; font-variant-numeric: tabular-nums; }
      table.numbers td.name, table.numbers td.kind, table.numbers td.shape { text-align: left; }
      tfoot th, tfoot td { border-top: 2px solid #999; font-weight: 600; }
      details { margin-top: 12px; }
      img { image-rendering: pixelated; image-rendering: crisp-edges; display: block; }
      .filters { display: flex; flex-wrap: wrap; gap: 12px; }
      .filter-figure img { border: 1px solid #999; }
      .filter-figure figcaption { font-size: 12px; text-align: center; }
      .sample { display: flex; align-items: center; gap: 24px; margin-bottom: 12px; }
      .sample img { border: 1px solid #999; }
      .labels { display: grid; grid-template-columns: auto auto; gap: 4px 12px; font-size: 18px; }
      .labels dt { color: #555; } .labels dd { margin: 0; font-weight: 700; }
      .correct { color: #2a7d2a; } .wrong { color: #c62828; }
      figure.layer { margin: 14px 0; }
      figure.layer figcaption { margin-bottom: 6px; }
      .layer-name { font-weight: 700; color: #222; }
      .maps { display: flex; flex-wrap: wrap; gap: 6px; }
      .maps img { border: 1px solid #bbb; }
      .maps { align-items: flex-start; }
      table.strip-values { border-collapse: collapse; table-layout: fixed; }
      table.strip-values td { padding: 2px 0; border: none; text-align: center; font-size: 12px; color: #555;
                              overflow: hidden; white-space: nowrap; text-overflow: clip; }
      table.strip-values td.max { font-weight: 700; color: #222; }
      .scroll { overflow-x: auto; }
      .strip-box { display: flex; flex-direction: column; }
      #confusion th, #confusion td { text-align: center; border: 1px solid #e3e6ea; min-width: 38px; padding: 3px 6px; }
      #confusion tfoot td, #confusion td.recall, #confusion td.count { font-size: 13px; }
      #confusion td.cell { font-variant-numeric: tabular-nums; }
      #confusion td.zero { color: #bbb; }
      #confusion td.recall, #confusion td.precision { font-weight: 600; background: #fafbfc; }
      #confusion td.count { color: #555; }
      #settings th { padding-right: 24px; }
      .missing { color: #888; font-style: italic; }
      footer { font-size: 12px; margin-top: 24px; }
      """;

  /** Records on body[data-render-check] whether every image decoded and every chart has a non-empty box. */
  private static final String RENDER_CHECK = """
      window.addEventListener('load', function () {
        var problems = [];
        var imgs = document.querySelectorAll('img');
        var okImgs = 0;
        for (var i = 0; i < imgs.length; i++) {
          var img = imgs[i];
          if (img.complete && img.naturalWidth > 0 && img.naturalHeight > 0
              && img.naturalWidth === img.width && img.naturalHeight === img.height) {
            okImgs++;
          } else {
            problems.push('img ' + i + ' (' + img.className + ') ' + img.naturalWidth + 'x' + img.naturalHeight);
          }
        }
        var charts = document.querySelectorAll('svg.chart');
        var okCharts = 0;
        for (var j = 0; j < charts.length; j++) {
          var box = charts[j].getBBox();
          var rect = charts[j].getBoundingClientRect();
          if (box.width > 0 && box.height > 0 && rect.width > 0 && rect.height > 0) {
            okCharts++;
          } else {
            problems.push('chart ' + charts[j].id + ' empty');
          }
        }
        var lines = document.querySelectorAll('svg.chart polyline');
        var okLines = 0;
        for (var k = 0; k < lines.length; k++) {
          var points = lines[k].points.numberOfItems;
          var lb = lines[k].getBBox();
          if (points === 1 || (points > 1 && (lb.width > 0 || lb.height > 0))) {
            okLines++;
          } else {
            problems.push('line ' + k + ' empty');
          }
        }
        var counts = 'imgs=' + okImgs + ' charts=' + okCharts + ' lines=' + okLines;
        document.body.setAttribute('data-render-check',
            problems.length ? 'fail: ' + problems.join('; ') + ' ' + counts : 'ok ' + counts);
      });
      """;
}
