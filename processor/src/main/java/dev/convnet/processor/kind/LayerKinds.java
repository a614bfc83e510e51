package dev.convnet.processor.kind;

import dev.convnet.processor.kind.activation.ActivationKind;
import dev.convnet.processor.kind.add.AddKind;
import dev.convnet.processor.kind.batchnorm.BatchNormKind;
import dev.convnet.processor.kind.concat.ConcatKind;
import dev.convnet.processor.kind.conv.ConvKind;
import dev.convnet.processor.kind.dense.DenseKind;
import dev.convnet.processor.kind.dropout.DropoutKind;
import dev.convnet.processor.kind.globalavgpool.GlobalAvgPoolKind;
import dev.convnet.processor.kind.input.InputKind;
import dev.convnet.processor.kind.lrn.LrnKind;
import dev.convnet.processor.kind.pool.PoolKind;
import dev.convnet.processor.kind.rbf.RbfKind;
import dev.convnet.processor.kind.subsampling.SubsamplingKind;
import dev.convnet.processor.kind.transposed.TransposedConvKind;
import dev.convnet.processor.model.Layer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry: every layer kind, each registered once. */
public final class LayerKinds {
  private static final List<LayerKind<?>> ALL = List.of(InputKind.INSTANCE, ConvKind.INSTANCE,
      TransposedConvKind.INSTANCE, PoolKind.MAX, PoolKind.AVG, PoolKind.L2, SubsamplingKind.INSTANCE,
      DenseKind.INSTANCE, ActivationKind.INSTANCE, AddKind.INSTANCE, ConcatKind.INSTANCE, BatchNormKind.INSTANCE,
      DropoutKind.INSTANCE, LrnKind.INSTANCE, GlobalAvgPoolKind.INSTANCE, RbfKind.INSTANCE);

  private LayerKinds() {}

  public static List<LayerKind<?>> all() {
    return ALL;
  }

  /** The kind declared by the annotation of this qualified name, if it is a layer annotation. */
  public static Optional<LayerKind<?>> byAnnotation(String qualifiedName) {
    return ALL.stream().filter(k -> k.annotation().getName().equals(qualifiedName)).findFirst();
  }

  /** {@code @Input, @Conv, …}: the layer annotations, for messages. */
  public static String annotationList() {
    return ALL.stream().map(k -> "@" + k.annotationName()).collect(Collectors.joining(", "));
  }

  /**
   * A layer's kind, typed to take the layer back: the one place where the record's kind is trusted to be its own
   * (each record returns its kind from {@link Layer#kind()}).
   */
  @SuppressWarnings("unchecked")
  public static LayerKind<Layer> of(Layer layer) {
    return (LayerKind<Layer>) layer.kind();
  }
}
