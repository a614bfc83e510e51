package dev.convnet.processor.kind.pool;

import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.L2Pool;
import dev.convnet.annotations.MaxPool;
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
import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * {@code @MaxPool}, {@code @AvgPool} and {@code @L2Pool}: three kinds with one geometry and one emitter, differing in
 * the function over each window.
 */
public enum PoolKind implements LayerKind<PoolLayer> {
  /** The window's maximum (padding is −∞). */
  MAX(MaxPool.class, "max_pool"),
  /** The window's mean, padded zeros counted in the divisor. */
  AVG(AvgPool.class, "avg_pool"),
  /** {@code sqrt(Σx²)} over the window. */
  L2(L2Pool.class, "l2_pool");

  private final Class<? extends Annotation> annotation;
  private final String op;

  PoolKind(Class<? extends Annotation> annotation, String op) {
    this.annotation = annotation;
    this.op = op;
  }

  @Override
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  @Override
  public PoolLayer read(AnnotationValues v) {
    Dim window = v.dim("window", null);
    return new PoolLayer(this, window, v.stride(window), v.dim("pad", null), v.enumName("edge").equals("CEIL"));
  }

  @Override
  public void checkOptions(PoolLayer layer, OptionChecks check) {
    check.positive("window", layer.window());
    if (!layer.stride().equals(layer.window())) { // a stride left out is the window: reported once, as the window
      check.positive("stride", layer.stride());
    }
    check.notNegative("pad", layer.pad());
    boolean windowPositive = layer.window().h() > 0 && layer.window().w() > 0;
    if (windowPositive && (layer.pad().h() * 2 > layer.window().h() || layer.pad().w() * 2 > layer.window().w())) {
      check.report(Message.POOL_PAD_TOO_LARGE, "pad", check.layer(), annotationName(), layer.pad(),
          layer.window().box());
    }
  }

  @Override
  public Optional<Shape> shape(PoolLayer layer, ShapeChecks check) {
    Dim w = layer.window();
    return check.window("window", w, w.h(), w.w(), layer.pad().h(), layer.pad().w(), layer.ceil(),
        () -> layer.window(check.in())).map(win -> Shape.map(check.in().channels(), win.outH(), win.outW()));
  }

  @Override
  public long connections(PoolLayer layer, LayerShapes shapes) {
    return (long) shapes.out().size() * layer.window().area();
  }

  @Override
  public String summary(PoolLayer layer, LayerShapes shapes) {
    return annotationName() + " " + layer.window().box() + (layer.stride().equals(layer.window()) ? ""
        : ", stride " + layer.stride()) + (layer.pad().area() > 0 ? ", pad " + layer.pad() : "")
        + (layer.ceil() ? ", ceil" : "");
  }

  @Override
  public String op(PoolLayer layer) {
    return op;
  }

  @Override
  public void describe(PoolLayer layer, LayerShapes shapes, Canonical a) {
    a.put("window", layer.window()).put("stride", layer.stride()).put("pad", layer.pad()).put("ceil", layer.ceil());
  }

  @Override
  public String formerDescription(PoolLayer layer) {
    return Former.record("Pool", "kind", name(), "window", layer.window(), "stride", layer.stride(), "pad",
        layer.pad(), "ceil", layer.ceil());
  }

  @Override
  public LayerEmitter emitter(PoolLayer layer, LayerContext ctx) {
    return new PoolEmitter(ctx, layer);
  }
}
