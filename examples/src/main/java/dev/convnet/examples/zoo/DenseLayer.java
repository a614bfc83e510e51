package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Concat;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * DenseNet's bottleneck layer (Huang et al. 2017, torchvision's {@code _DenseLayer}): batch norm and ReLU, a 1×1
 * convolution to 4·{@code width} maps (bn_size 4), batch norm and ReLU, a 3×3 convolution to {@code width} new maps
 * (the growth rate); the output is the input with the new maps appended, so that each layer of a dense block reads
 * every earlier one. Use it with {@code @Block(value = DenseLayer.class, width = 32)}.
 */
public interface DenseLayer {
  @BatchNorm(activation = RELU)
  Tensor norm1(Tensor x);

  @Conv(filters = 4, kernel = 1, bias = false)
  Tensor conv1(Tensor norm1);

  @BatchNorm(activation = RELU)
  Tensor norm2(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor norm2);

  @Output
  @Concat
  Tensor out(Tensor x, Tensor conv2);
}
