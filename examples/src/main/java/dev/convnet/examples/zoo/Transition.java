package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * DenseNet's transition between dense blocks (torchvision's {@code _Transition}): batch norm and ReLU, a 1×1
 * convolution to {@code width} maps (half its input in DenseNet-121), a 2×2/2 average pool.
 */
public interface Transition {
  @BatchNorm(activation = RELU)
  Tensor norm(Tensor x);

  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv(Tensor norm);

  @Output
  @AvgPool(window = 2, stride = 2)
  Tensor pool(Tensor conv);
}
