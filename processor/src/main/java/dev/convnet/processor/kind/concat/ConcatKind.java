package dev.convnet.processor.kind.concat;

import dev.convnet.annotations.Concat;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.Inputs;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @Concat}: joins two or more inputs of equal height and width (or vectors) along channels. */
public enum ConcatKind implements LayerKind<ConcatLayer> {
  INSTANCE;

  @Override
  public Class<Concat> annotation() {
    return Concat.class;
  }

  @Override
  public ConcatLayer read(AnnotationValues v) {
    return new ConcatLayer();
  }

  @Override
  public Arity arity() {
    return Arity.MANY;
  }

  @Override
  public Optional<Shape> shape(ConcatLayer layer, ShapeChecks check) {
    Shape first = check.in();
    long channels = 0;
    for (Shape s : check.inputShapes()) {
      if (s.vector() != first.vector() || (!s.vector() && (s.height() != first.height()
          || s.width() != first.width()))) {
        return check.fail(Message.CONCAT_SHAPES, null, check.layer(), Inputs.listed(check));
      }
      channels += s.channels();
    }
    return check.sized(Message.CONCAT_TOO_LARGE, channels, first.height(), first.width(), first.vector());
  }

  @Override
  public String summary(ConcatLayer layer, LayerShapes shapes) {
    return "Concat " + shapes.inputs().size() + " inputs";
  }

  @Override
  public String op(ConcatLayer layer) {
    return "concat";
  }

  @Override
  public String formerDescription(ConcatLayer layer) {
    return Former.record("Concat");
  }

  @Override
  public LayerEmitter emitter(ConcatLayer layer, LayerContext ctx) {
    return new ConcatEmitter(ctx);
  }
}
