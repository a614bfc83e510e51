package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet's basic block with a projection shortcut: the first 3×3 convolution and a 1×1 projection of the input both
 * take the use's stride and change the width, each followed by batch norm; then the sum and ReLU.
 */
public interface BasicDownBlock {
  @Conv(filters = 1, kernel = 3, stride = Block.STRIDE, pad = 1, bias = false)
  Tensor conv1(Tensor x);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor bn1);

  @BatchNorm
  Tensor bn2(Tensor conv2);

  @Conv(filters = 1, kernel = 1, stride = Block.STRIDE, bias = false)
  Tensor downsample(Tensor x);

  @BatchNorm
  Tensor downsampleBn(Tensor downsample);

  @Output
  @Add(activation = RELU)
  Tensor out(Tensor bn2, Tensor downsampleBn);
}
