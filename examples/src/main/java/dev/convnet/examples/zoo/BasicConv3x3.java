package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * GoogLeNet's 3×3 convolution unit (torchvision's {@code BasicConv2d} with {@code kernel_size=3}): a 3×3
 * convolution of {@code width} filters without bias (padding 1), batch norm with eps 0.001, ReLU. The width is
 * the filter count: {@code @Block(value = BasicConv3x3.class, width = 64)}.
 */
public interface BasicConv3x3 {
  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv(Tensor x);

  @Output
  @BatchNorm(eps = 0.001, activation = RELU)
  Tensor bn(Tensor conv);
}
