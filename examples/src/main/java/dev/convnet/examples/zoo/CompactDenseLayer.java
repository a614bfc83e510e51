package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Concat;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A compact DenseNet bottleneck layer (Huang et al. 2017, DenseNet-B, narrowed): BN-ReLU-conv 1×1, BN-ReLU-conv
 * 3×3, the new maps concatenated after the input's. Use it with
 * {@code @Block(value = CompactDenseLayer.class, width = k)} for growth rate
 * {@code k} (both convolutions get {@code k} filters: a bottleneck as wide as the growth, to keep it small).
 */
public interface CompactDenseLayer {
  @BatchNorm(activation = RELU)
  Tensor norm1(Tensor x);

  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv1(Tensor norm1);

  @BatchNorm(activation = RELU)
  Tensor norm2(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor norm2);

  @Output
  @Concat
  Tensor out(Tensor x, Tensor conv2);
}
