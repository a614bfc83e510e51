package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * GoogLeNet's 1×1 convolution unit (torchvision's {@code BasicConv2d} with {@code kernel_size=1}): a 1×1
 * convolution of {@code width} filters without bias, batch norm with eps 0.001, ReLU. The width is
 * the filter count: {@code @Block(value = BasicConv1x1.class, width = 64)}.
 */
public interface BasicConv1x1 {
  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv(Tensor x);

  @Output
  @BatchNorm(eps = 0.001, activation = RELU)
  Tensor bn(Tensor conv);
}
