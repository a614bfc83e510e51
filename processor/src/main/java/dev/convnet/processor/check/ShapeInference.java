package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Messages;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Geometry;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.TransposedWindow;
import dev.convnet.processor.model.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Infers every layer's output shape in topological order and reports layers whose input they cannot take. A layer
 * whose input already failed is skipped, so one mistake gives one error.
 */
final class ShapeInference {
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private ShapeInference() {}

  /** Adds the shape of {@code node} to {@code shapes}, or returns false after reporting why it has none. */
  static boolean infer(LayerNode node, Map<String, Shape> shapes, List<Diagnostic> out) {
    Layer layer = node.layer();
    if (layer instanceof Layer.Input) {
      return put(node, Geometry.output(layer, null), shapes, out);
    }
    for (String input : node.inputs()) {
      if (shapes.get(input) == null) {
        return false; // an input failed and was reported
      }
    }
    String from = node.inputs().get(0);
    Shape in = shapes.get(from);
    if (layer.multiInput()) {
      return combine(node, shapes, out);
    }
    if (layer instanceof Layer.GlobalAvgPool && in.vector()) {
      out.add(Messages.needsMap(node.name(), layer.annotation(), from, in.toString()));
      return false;
    }
    if (layer instanceof Layer.Conv c && !checkConvOptions(node, c, from, in, out)) {
      return false;
    }
    if (layer instanceof Layer.Rbf r && r.fixed() && !checkPrototypes(node, r, in, out)) {
      return false;
    }
    boolean windowed = layer instanceof Layer.Conv || layer instanceof Layer.Pool
        || layer instanceof Layer.Subsampling || layer instanceof Layer.TransposedConv;
    if (windowed && in.vector()) {
      out.add(Messages.needsMap(node.name(), layer.annotation(), from, in.toString()));
      return false;
    }
    if (layer instanceof Layer.Conv c && c.hasTable() && !checkTable(node, c, from, in, out)) {
      return false;
    }
    if (layer instanceof Layer.TransposedConv t) {
      // in long: huge strides, kernels or dilations must not wrap around into plausible sizes
      long scatteredH = (long) (in.height() - 1) * t.stride().h() + (long) t.dilation().h() * (t.kernel().h() - 1) + 1;
      long scatteredW = (long) (in.width() - 1) * t.stride().w() + (long) t.dilation().w() * (t.kernel().w() - 1) + 1;
      long outH = scatteredH - 2L * t.pad().h() + t.outputPad().h();
      long outW = scatteredW - 2L * t.pad().w() + t.outputPad().w();
      if (outH <= 0 || outW <= 0) {
        out.add(Messages.emptyOutput(node.name(), layer.annotation(), from, in.toString(),
            t.filters() + "×" + outH + "×" + outW));
        return false;
      }
      long fullH = Math.max(scatteredH, t.pad().h() + outH);
      long fullW = Math.max(scatteredW, t.pad().w() + outW);
      if (tooLarge(node, "its uncropped output " + t.filters() + "×" + fullH + "×" + fullW, t.filters(), fullH, fullW,
          out)) {
        return false;
      }
    } else if (windowed && !checkWindow(node, from, in, out)) {
      return false;
    }
    return put(node, Geometry.output(layer, in), shapes, out);
  }

  /** Shapes of an Add (all equal) or a Concat (equal height and width, channels summed). */
  private static boolean combine(LayerNode node, Map<String, Shape> shapes, List<Diagnostic> out) {
    List<Shape> ins = node.inputs().stream().map(shapes::get).toList();
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < ins.size(); i++) {
      listed.append(i == 0 ? "" : ", ").append('\'').append(node.inputs().get(i)).append("' ").append(ins.get(i));
    }
    Shape first = ins.get(0);
    if (node.layer() instanceof Layer.Add) {
      for (Shape s : ins) {
        if (!s.equals(first)) {
          out.add(Messages.addShapes(node.name(), listed.toString()));
          return false;
        }
      }
      return put(node, first, shapes, out);
    }
    long channels = 0;
    for (Shape s : ins) {
      if (s.vector() != first.vector() || (!s.vector() && (s.height() != first.height()
          || s.width() != first.width()))) {
        out.add(Messages.concatShapes(node.name(), listed.toString()));
        return false;
      }
      channels += s.channels();
    }
    if (tooLarge(node, "its concatenated output", channels, first.height(), first.width(), out)) {
      return false;
    }
    Shape result = first.vector() ? Shape.vector((int) channels) : Shape.map((int) channels, first.height(),
        first.width());
    return put(node, result, shapes, out);
  }

  private static boolean checkConvOptions(LayerNode node, Layer.Conv c, String from, Shape in,
                                          List<Diagnostic> out) {
    if (c.groups() > 1 && (in.channels() % c.groups() != 0 || c.filters() % c.groups() != 0)) {
      out.add(Messages.groupsMismatch(node.name(), c.groups(), from, in.channels(), c.filters()));
      return false;
    }
    if (c.frozen()) {
      long pairs = (long) c.filters() * (in.channels() / c.groups());
      long all = pairs * c.kernel().area();
      if (c.weights().size() != all && c.weights().size() != c.kernel().area()) {
        out.add(Messages.weightsCount(node.name(), c.weights().size(), "the " + c.filters() + " filters over "
            + in.channels() / c.groups() + " input maps (from '" + from + "', " + in + ") with " + c.kernel().box()
            + " kernels need " + all + " (or " + c.kernel().area() + " for one shared kernel)"));
        return false;
      }
    }
    return true;
  }

  private static boolean checkPrototypes(LayerNode node, Layer.Rbf r, Shape in, List<Diagnostic> out) {
    if (r.prototypes().size() != r.units()) {
      out.add(Messages.prototypes(node.name(), r.units() + " units need " + r.units() + " prototypes, but "
          + r.prototypes().size() + " are given"));
      return false;
    }
    for (int u = 0; u < r.units(); u++) {
      String p = r.prototypes().get(u);
      if (p.length() != in.size()) {
        out.add(Messages.prototypes(node.name(), "prototype " + u + " has " + p.length() + " characters, but the"
            + " input '" + node.inputs().get(0) + "' (" + in + ") has " + in.size() + " values"));
        return false;
      }
      for (int j = 0; j < p.length(); j++) {
        if (p.charAt(j) != 'X' && p.charAt(j) != '.') {
          out.add(Messages.prototypes(node.name(), "prototype " + u + " has '" + p.charAt(j) + "' at " + j));
          return false;
        }
      }
    }
    return true;
  }

  /** Reports (and returns true) when {@code c × h × w} values cannot be one Java array. */
  private static boolean tooLarge(LayerNode node, String what, long c, long h, long w, List<Diagnostic> out) {
    double size = (double) c * h * w; // a double cannot overflow here
    if (size > MAX_ARRAY) {
      out.add(Messages.tooLarge(node.name(), what, size >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) size));
      return true;
    }
    return false;
  }

  /**
   * The window's span and padding per axis, {@code {spanH, spanW, padH, padW}}, in long so that huge kernels,
   * dilations or paddings cannot overflow; the padded input must also fit in an array before {@link Window}'s int
   * geometry is computed.
   */
  private static boolean checkExtent(LayerNode node, String from, Shape in, List<Diagnostic> out) {
    Layer layer = node.layer();
    long spanH;
    long spanW;
    long padH = 0;
    long padW = 0;
    if (layer instanceof Layer.Conv c) {
      spanH = (long) c.dilation().h() * (c.kernel().h() - 1) + 1;
      spanW = (long) c.dilation().w() * (c.kernel().w() - 1) + 1;
      switch (c.padMode()) {
        case EXPLICIT -> {
          padH = c.pad().h();
          padW = c.pad().w();
        }
        case SAME -> {
          padH = (spanH - 1) / 2;
          padW = (spanW - 1) / 2;
        }
        case FULL -> {
          padH = spanH - 1;
          padW = spanW - 1;
        }
        case VALID -> { }
      }
    } else if (layer instanceof Layer.Pool p) {
      spanH = p.window().h();
      spanW = p.window().w();
      padH = p.pad().h();
      padW = p.pad().w();
    } else {
      Layer.Subsampling s = (Layer.Subsampling) layer;
      spanH = s.window().h();
      spanW = s.window().w();
    }
    long paddedH = in.height() + 2 * padH;
    long paddedW = in.width() + 2 * padW;
    if (spanH > paddedH || spanW > paddedW) {
      long needH = Math.max(0, (spanH - in.height() + 1) / 2);
      long needW = Math.max(0, (spanW - in.width() + 1) / 2);
      String attribute = layer instanceof Layer.Conv ? "kernel" : "window";
      Dim kernel = layer instanceof Layer.Conv c ? c.kernel() : layer instanceof Layer.Pool p ? p.window()
          : ((Layer.Subsampling) layer).window();
      String fix = layer instanceof Layer.Conv
          ? "use a smaller kernel or dilation, or pad the input by at least " + needH + "×" + needW
          + " (pad = {" + needH + ", " + needW + "}, or padding = SAME / FULL)"
          : "use a smaller window, or pool earlier where the map is larger";
      out.add(Messages.kernelTooLarge(node.name(), layer.annotation(), attribute, kernel.box(),
          spanH + "×" + spanW, from, in.toString(), paddedH + "×" + paddedW, fix));
      return false;
    }
    return !tooLarge(node, "its padded input " + in.channels() + "×" + paddedH + "×" + paddedW, in.channels(),
        paddedH, paddedW, out);
  }

  private static boolean checkWindow(LayerNode node, String from, Shape in, List<Diagnostic> out) {
    if (!checkExtent(node, from, in, out)) {
      return false;
    }
    Layer layer = node.layer();
    Window w = Geometry.window(layer, in);
    String attribute = layer instanceof Layer.Conv ? "kernel" : "window";
    if (w.spanH() > in.height() + 2 * w.pad().h() || w.spanW() > in.width() + 2 * w.pad().w()) {
      int needH = Math.max(0, (w.spanH() - in.height() + 1) / 2);
      int needW = Math.max(0, (w.spanW() - in.width() + 1) / 2);
      String fix = layer instanceof Layer.Conv
          ? "use a smaller kernel or dilation, or pad the input by at least " + needH + "×" + needW
          + " (pad = {" + needH + ", " + needW + "}, or padding = SAME / FULL)"
          : "use a smaller window, or pool earlier where the map is larger";
      out.add(Messages.kernelTooLarge(node.name(), layer.annotation(), attribute, w.kernel().box(),
          w.spanH() + "×" + w.spanW(), from, in.toString(),
          (in.height() + 2 * w.pad().h()) + "×" + (in.width() + 2 * w.pad().w()), fix));
      return false;
    }
    if (w.outH() <= 0 || w.outW() <= 0) {
      out.add(Messages.emptyOutput(node.name(), layer.annotation(), from, in.toString(), w.outH() + "×" + w.outW()));
      return false;
    }
    boolean ceil = layer instanceof Layer.Pool p && p.ceil();
    if (!ceil && (w.droppedRows() > 0 || w.droppedCols() > 0)) {
      out.add(Messages.strideDrops(node.name(), layer.annotation(), from, in.toString(), w.droppedRows(),
          w.droppedCols(), w.stride().toString()));
    }
    return true;
  }

  private static boolean checkTable(LayerNode node, Layer.Conv c, String from, Shape in, List<Diagnostic> out) {
    List<String> table = c.table();
    if (table.size() != in.channels()) {
      out.add(Messages.tableRows(node.name(), table.size(), from, in.channels()));
      return false;
    }
    for (int r = 0; r < table.size(); r++) {
      String row = table.get(r);
      if (row.length() != c.filters()) {
        out.add(Messages.tableColumns(node.name(), r, row.length(), c.filters()));
        return false;
      }
      for (int k = 0; k < row.length(); k++) {
        char ch = row.charAt(k);
        if (ch != 'X' && ch != '.') {
          out.add(Messages.tableCharacter(node.name(), r, k, ch));
          return false;
        }
      }
    }
    List<Integer> emptyColumns = new ArrayList<>();
    for (int k = 0; k < c.filters(); k++) {
      boolean any = false;
      for (String row : table) {
        any |= row.charAt(k) == 'X';
      }
      if (!any) {
        emptyColumns.add(k);
      }
    }
    if (!emptyColumns.isEmpty()) {
      out.add(Messages.tableEmptyOutput(node.name(), emptyColumns));
      return false;
    }
    List<Integer> emptyRows = new ArrayList<>();
    for (int r = 0; r < table.size(); r++) {
      if (table.get(r).indexOf('X') < 0) {
        emptyRows.add(r);
      }
    }
    if (!emptyRows.isEmpty()) {
      out.add(Messages.tableUnusedInput(node.name(), emptyRows));
    }
    return true;
  }

  private static boolean put(LayerNode node, Shape shape, Map<String, Shape> shapes, List<Diagnostic> out) {
    if (tooLarge(node, "its output size " + shape, shape.channels(), shape.height(), shape.width(), out)) {
      return false;
    }
    shapes.put(node.name(), shape);
    return true;
  }
}
