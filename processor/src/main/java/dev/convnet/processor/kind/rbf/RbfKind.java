package dev.convnet.processor.kind.rbf;

import dev.convnet.annotations.Rbf;
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
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @Rbf}: LeNet-5's Euclidean RBF output, {@code y_i = Σ_j (x_j − w_ij)²}, fixed ±1 or trainable prototypes. */
public enum RbfKind implements LayerKind<RbfLayer> {
  INSTANCE;

  @Override
  public Class<Rbf> annotation() {
    return Rbf.class;
  }

  @Override
  public RbfLayer read(AnnotationValues v) {
    return new RbfLayer(v.integer("units"), v.strings("prototypes"));
  }

  @Override
  public void checkOptions(RbfLayer layer, OptionChecks check) {
    check.positive("units", layer.units());
  }

  @Override
  public Optional<Shape> shape(RbfLayer layer, ShapeChecks check) {
    if (layer.fixed()) {
      Shape in = check.in();
      if (layer.prototypes().size() != layer.units()) {
        return check.fail(Message.PROTOTYPE_COUNT, "prototypes", check.layer(), layer.units(),
            layer.prototypes().size());
      }
      for (int u = 0; u < layer.units(); u++) {
        String p = layer.prototypes().get(u);
        if (p.length() != in.size()) {
          return check.fail(Message.PROTOTYPE_LENGTH, "prototypes", check.layer(), u, p.length(), check.from(), in,
              in.size());
        }
        for (int j = 0; j < p.length(); j++) {
          if (p.charAt(j) != 'X' && p.charAt(j) != '.') {
            return check.fail(Message.PROTOTYPE_CHARACTER, "prototypes", check.layer(), u, p.charAt(j), j);
          }
        }
      }
    }
    return Optional.of(Shape.vector(layer.units()));
  }

  @Override
  public long parameters(RbfLayer layer, LayerShapes shapes) {
    return layer.fixed() ? 0 : (long) layer.units() * shapes.in().size();
  }

  @Override
  public long connections(RbfLayer layer, LayerShapes shapes) {
    return (long) layer.units() * shapes.in().size();
  }

  @Override
  public long macs(RbfLayer layer, LayerShapes shapes) {
    return (long) layer.units() * shapes.in().size();
  }

  @Override
  public String summary(RbfLayer layer, LayerShapes shapes) {
    return "RBF" + (layer.fixed() ? ", fixed prototypes" : "");
  }

  @Override
  public String op(RbfLayer layer) {
    return "rbf";
  }

  @Override
  public void describe(RbfLayer layer, LayerShapes shapes, Canonical a) {
    a.put("units", layer.units());
    if (layer.fixed()) {
      a.put("prototypes", String.join("/", layer.prototypes()));
    }
  }

  @Override
  public String formerDescription(RbfLayer layer) {
    return Former.record("Rbf", "units", layer.units(), "prototypes", layer.prototypes());
  }

  @Override
  public LayerEmitter emitter(RbfLayer layer, LayerContext ctx) {
    return new RbfEmitter(ctx, layer);
  }
}
