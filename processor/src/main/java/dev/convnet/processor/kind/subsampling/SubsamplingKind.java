package dev.convnet.processor.kind.subsampling;

import dev.convnet.annotations.Subsampling;
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

/** {@code @Subsampling}: LeNet-5's trainable subsampling, one coefficient and one bias per map. */
public enum SubsamplingKind implements LayerKind<SubsamplingLayer> {
  INSTANCE;

  @Override
  public Class<Subsampling> annotation() {
    return Subsampling.class;
  }

  @Override
  public SubsamplingLayer read(AnnotationValues v) {
    Dim window = v.dim("window", null);
    return new SubsamplingLayer(window, v.stride(window), v.act("activation"));
  }

  @Override
  public void checkOptions(SubsamplingLayer layer, OptionChecks check) {
    check.positive("window", layer.window());
    if (!layer.stride().equals(layer.window())) { // a stride left out is the window: reported once, as the window
      check.positive("stride", layer.stride());
    }
    check.activation("activation", layer.act());
  }

  @Override
  public Optional<Shape> shape(SubsamplingLayer layer, ShapeChecks check) {
    Dim w = layer.window();
    return check.window("window", w, w.h(), w.w(), 0, 0, false, () -> layer.window(check.in()))
        .map(win -> Shape.map(check.in().channels(), win.outH(), win.outW()));
  }

  @Override
  public long parameters(SubsamplingLayer layer, LayerShapes shapes) {
    return 2L * shapes.in().channels();
  }

  @Override
  public long connections(SubsamplingLayer layer, LayerShapes shapes) {
    return (long) shapes.out().size() * (layer.window().area() + 1);
  }

  @Override
  public String summary(SubsamplingLayer layer, LayerShapes shapes) {
    return "Subsampling " + layer.window().box() + (layer.stride().equals(layer.window()) ? ""
        : ", stride " + layer.stride());
  }

  @Override
  public String op(SubsamplingLayer layer) {
    return "subsampling";
  }

  @Override
  public void describe(SubsamplingLayer layer, LayerShapes shapes, Canonical a) {
    a.put("window", layer.window()).put("stride", layer.stride()).put("activation", layer.act());
  }

  @Override
  public String formerDescription(SubsamplingLayer layer) {
    return Former.record("Subsampling", "window", layer.window(), "stride", layer.stride(), "act", layer.act());
  }

  @Override
  public LayerEmitter emitter(SubsamplingLayer layer, LayerContext ctx) {
    return new SubsamplingEmitter(ctx, layer);
  }
}
