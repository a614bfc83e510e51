package dev.convnet.processor.kind.transposed;

import dev.convnet.annotations.TransposedConv;
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
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @TransposedConv}: the adjoint of a convolution (learned upsampling), with output padding. */
public enum TransposedConvKind implements LayerKind<TransposedConvLayer> {
  INSTANCE;

  @Override
  public Class<TransposedConv> annotation() {
    return TransposedConv.class;
  }

  @Override
  public TransposedConvLayer read(AnnotationValues v) {
    return new TransposedConvLayer(v.filters(), v.dim("kernel", null), v.stride(null), v.dim("pad", null),
        v.dim("outputPad", null), v.dim("dilation", null), v.bool("bias"), v.act("activation"));
  }

  @Override
  public void checkOptions(TransposedConvLayer t, OptionChecks check) {
    check.positive("filters", t.filters());
    check.positive("kernel", t.kernel());
    check.positive("stride", t.stride());
    check.positive("dilation", t.dilation());
    check.notNegative("pad", t.pad());
    check.notNegative("outputPad", t.outputPad());
    Dim op = t.outputPad();
    if (op.h() >= Math.max(t.stride().h(), t.dilation().h()) || op.w() >= Math.max(t.stride().w(),
        t.dilation().w())) {
      check.report(Message.OUTPUT_PAD_TOO_LARGE, "outputPad", check.layer(), op, t.stride(), t.dilation());
    }
    check.activation("activation", t.act());
  }

  @Override
  public Optional<Shape> shape(TransposedConvLayer t, ShapeChecks check) {
    if (!check.needsMap()) {
      return Optional.empty();
    }
    Shape in = check.in();
    // in long: huge strides, kernels or dilations must not wrap around into plausible sizes
    long scatteredH = (long) (in.height() - 1) * t.stride().h() + (long) t.dilation().h() * (t.kernel().h() - 1) + 1;
    long scatteredW = (long) (in.width() - 1) * t.stride().w() + (long) t.dilation().w() * (t.kernel().w() - 1) + 1;
    long outH = scatteredH - 2L * t.pad().h() + t.outputPad().h();
    long outW = scatteredW - 2L * t.pad().w() + t.outputPad().w();
    if (outH <= 0 || outW <= 0) {
      return check.fail(Message.EMPTY_OUTPUT, null, check.layer(), "TransposedConv", check.from(), in,
          t.filters() + "×" + outH + "×" + outW);
    }
    long fullH = Math.max(scatteredH, t.pad().h() + outH);
    long fullW = Math.max(scatteredW, t.pad().w() + outW);
    if (check.tooLarge(Message.UNCROPPED_TOO_LARGE, t.filters(), fullH, fullW)) {
      return Optional.empty();
    }
    return Optional.of(Shape.map(t.filters(), (int) outH, (int) outW));
  }

  @Override
  public long parameters(TransposedConvLayer t, LayerShapes shapes) {
    return (long) shapes.in().channels() * t.filters() * t.kernel().area() + (t.bias() ? t.filters() : 0);
  }

  @Override
  public long connections(TransposedConvLayer t, LayerShapes shapes) {
    return macs(t, shapes) + (t.bias() ? shapes.out().size() : 0);
  }

  @Override
  public long macs(TransposedConvLayer t, LayerShapes shapes) {
    return (long) shapes.in().size() * t.filters() * t.kernel().area();
  }

  @Override
  public String summary(TransposedConvLayer t, LayerShapes shapes) {
    return "TransposedConv " + t.kernel().box() + ", stride " + t.stride()
        + (t.pad().area() > 0 ? ", pad " + t.pad() : "")
        + (t.outputPad().h() + t.outputPad().w() > 0 ? ", output pad " + t.outputPad() : "")
        + (t.dilation().area() > 1 ? ", dilation " + t.dilation() : "") + (t.bias() ? "" : ", no bias");
  }

  @Override
  public String op(TransposedConvLayer t) {
    return "transposed_conv";
  }

  @Override
  public void describe(TransposedConvLayer t, LayerShapes shapes, Canonical a) {
    a.put("filters", t.filters()).put("kernel", t.kernel()).put("stride", t.stride()).put("pad", t.pad())
        .put("output_pad", t.outputPad()).put("dilation", t.dilation()).put("bias", t.bias())
        .put("activation", t.act());
  }

  @Override
  public String formerDescription(TransposedConvLayer t) {
    return Former.record("TransposedConv", "filters", t.filters(), "kernel", t.kernel(), "stride", t.stride(), "pad",
        t.pad(), "outputPad", t.outputPad(), "dilation", t.dilation(), "bias", t.bias(), "act", t.act());
  }

  @Override
  public LayerEmitter emitter(TransposedConvLayer t, LayerContext ctx) {
    return new TransposedConvEmitter(ctx, t);
  }
}
