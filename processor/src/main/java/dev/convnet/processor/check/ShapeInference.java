package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Messages;
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
    String from = node.inputs().get(0);
    Shape in = shapes.get(from);
    if (in == null) {
      return false; // its input failed and was reported
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
      TransposedWindow w = TransposedWindow.of(in.height(), in.width(), t.kernel(), t.stride(), t.pad(),
          t.outputPad(), t.dilation());
      if (w.outH() <= 0 || w.outW() <= 0) {
        out.add(Messages.emptyOutput(node.name(), layer.annotation(), from, in.toString(),
            t.filters() + "×" + w.outH() + "×" + w.outW()));
        return false;
      }
    } else if (windowed && !checkWindow(node, from, in, out)) {
      return false;
    }
    return put(node, Geometry.output(layer, in), shapes, out);
  }

  private static boolean checkWindow(LayerNode node, String from, Shape in, List<Diagnostic> out) {
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
    long size = (long) shape.channels() * shape.height() * shape.width();
    if (size > MAX_ARRAY) {
      out.add(Messages.tooLarge(node.name(), "its output size " + shape, size));
      return false;
    }
    shapes.put(node.name(), shape);
    return true;
  }
}
