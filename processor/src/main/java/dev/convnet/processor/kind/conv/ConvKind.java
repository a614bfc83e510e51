package dev.convnet.processor.kind.conv;

import dev.convnet.annotations.Conv;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Canonical;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.OptionChecks;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.kind.conv.ConvLayer.PadMode;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code @Conv}: convolution (cross-correlation) with stride, padding modes, dilation, connection tables (LeNet-5's
 * C3), groups (AlexNet's towers) and fixed kernels. Its code comes from one {@link ConvStrategy} per layer, chosen
 * from the layer's shapes by {@link ConvStrategy#choose}.
 */
public enum ConvKind implements LayerKind<ConvLayer> {
  INSTANCE;

  @Override
  public Class<Conv> annotation() {
    return Conv.class;
  }

  @Override
  public ConvLayer read(AnnotationValues v) {
    String mode = v.enumName("padding");
    List<Object> padValues = v.list("pad");
    PadMode padMode;
    if (!padValues.isEmpty() || v.written("pad")) {
      if (!mode.equals("VALID")) {
        v.fail(Message.PAD_AND_PADDING, "pad", v.layer(), mode);
      }
      padMode = PadMode.EXPLICIT;
    } else {
      padMode = PadMode.valueOf(mode.isEmpty() ? "VALID" : mode);
    }
    List<String> table = v.strings("table");
    List<Double> weights = v.values("weights", Double.class);
    return new ConvLayer(v.filters(), v.dim("kernel", null), v.stride(null), padMode,
        padValues.isEmpty() ? Dim.of(0) : v.dim("pad", null), v.dim("dilation", null), v.bool("bias"),
        v.act("activation"), table, v.integer("groups"), weights);
  }

  @Override
  public void checkOptions(ConvLayer c, OptionChecks check) {
    check.positive("filters", c.filters());
    check.positive("kernel", c.kernel());
    check.positive("stride", c.stride());
    check.positive("dilation", c.dilation());
    check.notNegative("pad", c.pad());
    if (c.padMode() == PadMode.SAME && c.kernel().h() > 0 && c.kernel().w() > 0 && c.dilation().h() > 0
        && c.dilation().w() > 0) {
      if (c.stride().h() != 1 || c.stride().w() != 1) {
        check.report(Message.SAME_WITH_STRIDE, "padding", check.layer(), c.stride());
      } else {
        int spanH = c.dilation().h() * (c.kernel().h() - 1) + 1;
        int spanW = c.dilation().w() * (c.kernel().w() - 1) + 1;
        if (spanH % 2 == 0 || spanW % 2 == 0) {
          check.report(Message.SAME_PADDING_EVEN, "padding", check.layer(), c.kernel().box(), spanH + "×" + spanW);
        }
      }
    }
    check.activation("activation", c.act());
    check.positive("groups", c.groups());
    if (c.groups() > 1 && c.hasTable()) {
      check.report(Message.GROUPS_WITH_TABLE, "groups", check.layer(), c.groups());
    }
    if (c.frozen() && c.bias()) {
      check.report(Message.BIAS_WITH_FIXED_KERNELS, "bias", check.layer());
    }
    for (double w : c.weights()) {
      if (!Double.isFinite(w)) {
        check.report(Message.WEIGHTS_NOT_FINITE, "weights", check.layer(), w);
        break;
      }
    }
  }

  @Override
  public Optional<Shape> shape(ConvLayer c, ShapeChecks check) {
    Shape in = check.in();
    if (c.groups() > 1 && (in.channels() % c.groups() != 0 || c.filters() % c.groups() != 0)) {
      return check.fail(Message.GROUPS_MISMATCH, "groups", check.layer(), c.groups(), in.channels(), check.from(),
          c.filters());
    }
    if (c.frozen()) {
      long pairs = (long) c.filters() * (in.channels() / c.groups());
      long all = pairs * c.kernel().area();
      if (c.weights().size() != all && c.weights().size() != c.kernel().area()) {
        return check.fail(Message.WEIGHTS_COUNT, "weights", check.layer(), c.weights().size(), c.filters(),
            in.channels() / c.groups(), check.from(), in, c.kernel().box(), all, c.kernel().area());
      }
    }
    if (!check.needsMap()) {
      return Optional.empty();
    }
    if (c.hasTable() && !checkTable(c, check)) {
      return Optional.empty();
    }
    long spanH = (long) c.dilation().h() * (c.kernel().h() - 1) + 1;
    long spanW = (long) c.dilation().w() * (c.kernel().w() - 1) + 1;
    long padH = switch (c.padMode()) {
      case EXPLICIT -> c.pad().h();
      case VALID -> 0;
      case SAME -> (spanH - 1) / 2;
      case FULL -> spanH - 1;
    };
    long padW = switch (c.padMode()) {
      case EXPLICIT -> c.pad().w();
      case VALID -> 0;
      case SAME -> (spanW - 1) / 2;
      case FULL -> spanW - 1;
    };
    return check.window("kernel", c.kernel(), spanH, spanW, padH, padW, false, () -> c.window(in))
        .map(w -> Shape.map(c.filters(), w.outH(), w.outW()));
  }

  private static boolean checkTable(ConvLayer c, ShapeChecks check) {
    List<String> table = c.table();
    Shape in = check.in();
    if (table.size() != in.channels()) {
      check.fail(Message.TABLE_ROWS, "table", check.layer(), Message.count(table.size(), "row"), check.from(),
          in.channels());
      return false;
    }
    for (int r = 0; r < table.size(); r++) {
      String row = table.get(r);
      if (row.length() != c.filters()) {
        check.fail(Message.TABLE_COLUMNS, "table", check.layer(), r, row.length(), c.filters());
        return false;
      }
      for (int k = 0; k < row.length(); k++) {
        char ch = row.charAt(k);
        if (ch != 'X' && ch != '.') {
          check.fail(Message.TABLE_CHARACTER, "table", check.layer(), r, ch, k);
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
      check.fail(Message.TABLE_EMPTY_OUTPUT, "table", check.layer(), Message.indexed("output map", emptyColumns),
          Message.verb(emptyColumns, "has", "have"));
      return false;
    }
    List<Integer> emptyRows = new ArrayList<>();
    for (int r = 0; r < table.size(); r++) {
      if (table.get(r).indexOf('X') < 0) {
        emptyRows.add(r);
      }
    }
    if (!emptyRows.isEmpty()) {
      check.report(Message.TABLE_UNUSED_INPUT, "table", check.layer(), Message.indexed("input map", emptyRows),
          Message.verb(emptyRows, "feeds", "feed"));
    }
    return true;
  }

  @Override
  public long parameters(ConvLayer c, LayerShapes shapes) {
    return c.frozen() ? 0 : c.kernels(shapes.in()) * c.kernel().area() + (c.bias() ? c.filters() : 0);
  }

  @Override
  public long connections(ConvLayer c, LayerShapes shapes) {
    return (long) shapes.out().plane() * (c.kernels(shapes.in()) * c.kernel().area() + (c.bias() ? c.filters() : 0));
  }

  @Override
  public long macs(ConvLayer c, LayerShapes shapes) {
    return (long) shapes.out().plane() * c.kernels(shapes.in()) * c.kernel().area();
  }

  @Override
  public String summary(ConvLayer c, LayerShapes shapes) {
    StringBuilder b = new StringBuilder("Conv " + c.kernel().box());
    if (c.stride().h() != 1 || c.stride().w() != 1) {
      b.append(", stride ").append(c.stride());
    }
    if (c.window(shapes.in()).padded()) {
      b.append(", pad ").append(c.resolvedPad());
    }
    if (c.dilation().h() != 1 || c.dilation().w() != 1) {
      b.append(", dilation ").append(c.dilation());
    }
    if (c.hasTable()) {
      b.append(", table ").append(c.kernels(shapes.in())).append('/').append(shapes.in().channels() * c.filters());
    }
    if (c.groups() > 1) {
      b.append(", groups ").append(c.groups());
    }
    if (c.frozen()) {
      b.append(", fixed kernels");
    }
    if (!c.bias()) {
      b.append(", no bias");
    }
    return b.toString();
  }

  @Override
  public String op(ConvLayer c) {
    return "conv";
  }

  @Override
  public void describe(ConvLayer c, LayerShapes shapes, Canonical a) {
    a.put("filters", c.filters()).put("kernel", c.kernel()).put("stride", c.stride()).put("pad", c.resolvedPad())
        .put("dilation", c.dilation()).put("groups", c.groups()).put("bias", c.bias()).put("activation", c.act());
    if (c.hasTable()) {
      a.put("table", String.join("/", c.table()));
    }
    if (c.frozen()) {
      int taps = c.kernel().area();
      int pairs = c.filters() * (shapes.in().channels() / c.groups());
      boolean shared = c.weights().size() == taps;
      List<String> values = new ArrayList<>();
      for (int k = 0; k < pairs; k++) {
        for (int t = 0; t < taps; t++) {
          values.add(Double.toString(c.weights().get(shared ? t : k * taps + t)));
        }
      }
      a.put("weights", String.join(",", values));
    }
  }

  @Override
  public String formerDescription(ConvLayer c) {
    return Former.record("Conv", "filters", c.filters(), "kernel", c.kernel(), "stride", c.stride(), "padMode",
        c.padMode(), "pad", c.pad(), "dilation", c.dilation(), "bias", c.bias(), "act", c.act(), "table", c.table(),
        "groups", c.groups(), "weights", c.weights());
  }

  @Override
  public LayerEmitter emitter(ConvLayer c, LayerContext ctx) {
    return new ConvEmitter(ctx, c);
  }
}
