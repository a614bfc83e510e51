package dev.convnet.processor.kind;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.Window;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a kind's shape rule reads (its inputs' names and shapes) and reports to, with the checks every windowed or
 * shaped kind shares. Sizes are computed in long, so that huge kernels, strides or paddings cannot wrap around into
 * plausible ones.
 */
public final class ShapeChecks {
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final LayerNode node;
  private final List<Shape> inputShapes;
  private final List<Diagnostic> out;

  public ShapeChecks(LayerNode node, List<Shape> inputShapes, List<Diagnostic> out) {
    this.node = node;
    this.inputShapes = List.copyOf(inputShapes);
    this.out = out;
  }

  public String layer() {
    return node.name();
  }

  public LayerNode node() {
    return node;
  }

  /** The (first) input's shape. */
  public Shape in() {
    return inputShapes.get(0);
  }

  /** The (first) input's name. */
  public String from() {
    return node.inputs().get(0);
  }

  public List<Shape> inputShapes() {
    return inputShapes;
  }

  /** Reports {@code message} on {@code attribute} (null: on the layer) and returns no shape. */
  public <T> Optional<T> fail(Message message, String attribute, Object... args) {
    out.add(message.at(attribute == null ? Location.layer(node.name()) : Location.attribute(node.name(), attribute),
        args));
    return Optional.empty();
  }

  /** Reports a warning (or an error that still leaves a shape) and goes on. */
  public void report(Message message, String attribute, Object... args) {
    fail(message, attribute, args);
  }

  /** Whether the input is a feature map; reports the layer when it is a vector. */
  public boolean needsMap() {
    if (in().vector()) {
      fail(Message.NEEDS_MAP, null, node.name(), node.layer().annotation(), from(), in());
      return false;
    }
    return true;
  }

  /** {@code c × h × w} as a shape; empty after reporting {@code message} when it cannot be one Java array. */
  public Optional<Shape> sized(Message message, long c, long h, long w, boolean vector) {
    if (tooLarge(message, c, h, w)) {
      return Optional.empty();
    }
    return Optional.of(vector ? Shape.vector((int) c) : Shape.map((int) c, (int) h, (int) w));
  }

  /** Reports (and returns true) when {@code c × h × w} values cannot be one Java array. */
  public boolean tooLarge(Message message, long c, long h, long w) {
    double size = (double) c * h * w; // a double cannot overflow here
    if (size > MAX_ARRAY) {
      fail(message, null, node.name(), c + "×" + h + "×" + w, size >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) size);
      return true;
    }
    return false;
  }

  /**
   * Checks a sliding window over the input map (convolution, pooling, subsampling) and returns its geometry: the
   * window must fit the padded input, the padded input must fit an array, the output must not be empty; windows that
   * leave input rows or columns unread beyond the regular gap give a warning (not with ceil mode).
   *
   * @param attribute  {@code "kernel"} or {@code "window"}: what the messages call it and where they point
   * @param kernel     the window's size
   * @param spanH      rows one window spans (with dilation)
   * @param padH       the zero padding per side (before), in long: it may be huge in a mistaken declaration
   * @param geometry   the window's geometry, computed once the sizes are known to fit
   */
  public Optional<Window> window(String attribute, Dim kernel, long spanH, long spanW, long padH, long padW,
                                 boolean ceil, Supplier<Window> geometry) {
    if (!needsMap()) {
      return Optional.empty();
    }
    Shape in = in();
    long paddedH = in.height() + 2 * padH;
    long paddedW = in.width() + 2 * padW;
    if (spanH > paddedH || spanW > paddedW) {
      return tooLargeWindow(attribute, kernel, spanH + "×" + spanW, paddedH + "×" + paddedW, spanH, spanW);
    }
    if (tooLarge(Message.PADDED_INPUT_TOO_LARGE, in.channels(), paddedH, paddedW)) {
      return Optional.empty();
    }
    Window w = geometry.get();
    if (w.spanH() > in.height() + 2 * w.pad().h() || w.spanW() > in.width() + 2 * w.pad().w()) {
      return tooLargeWindow(attribute, kernel, w.spanH() + "×" + w.spanW(),
          (in.height() + 2 * w.pad().h()) + "×" + (in.width() + 2 * w.pad().w()), w.spanH(), w.spanW());
    }
    if (w.outH() <= 0 || w.outW() <= 0) {
      return fail(Message.EMPTY_OUTPUT, null, node.name(), node.layer().annotation(), from(), in,
          w.outH() + "×" + w.outW());
    }
    if (!ceil && (w.droppedRows() > 0 || w.droppedCols() > 0)) {
      report(Message.STRIDE_DROPS, "stride", node.name(), node.layer().annotation(), w.stride(), in, from(),
          lostEdge(w.droppedRows(), w.droppedCols()));
    }
    return Optional.of(w);
  }

  private Optional<Window> tooLargeWindow(String attribute, Dim kernel, String span, String padded, long spanH,
                                          long spanW) {
    Shape in = in();
    if (attribute.equals("kernel")) {
      long needH = Math.max(0, (spanH - in.height() + 1) / 2);
      long needW = Math.max(0, (spanW - in.width() + 1) / 2);
      return fail(Message.KERNEL_TOO_LARGE, attribute, node.name(), node.layer().annotation(), kernel.box(),
          span.equals(kernel.box()) ? "" : " (spanning " + span + " with dilation)", from(), in, padded, needH,
          needW);
    }
    return fail(Message.WINDOW_TOO_LARGE, attribute, node.name(), node.layer().annotation(), kernel.box(), from(), in,
        padded);
  }

  /** {@code "the last 2 rows of the input are"}, {@code "the last column of the input is"}. */
  static String lostEdge(int rows, int cols) {
    String lost = (rows > 0 ? (rows == 1 ? "row" : rows + " rows") : "") + (rows > 0 && cols > 0 ? " and " : "")
        + (cols > 0 ? (cols == 1 ? "column" : cols + " columns") : "");
    return "the last " + lost + " of the input " + (rows + cols == 1 ? "is" : "are");
  }
}
