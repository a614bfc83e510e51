package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet's basic block with an identity shortcut (He et al. 2016, torchvision's {@code BasicBlock}): two 3×3
 * convolutions of {@code width} filters with batch norm, the input added back, ReLU. Use it with
 * {@code @Block(value = BasicBlock.class, width = 64)}.
 */
public interface BasicBlock {
  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv1(Tensor x);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor bn1);

  @BatchNorm
  Tensor bn2(Tensor conv2);

  @Output
  @Add(activation = RELU)
  Tensor out(Tensor bn2, Tensor x);
}
