package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet's bottleneck block with an identity shortcut (He et al. 2016, torchvision's {@code Bottleneck}): a 1×1
 * convolution to {@code width} maps, a 3×3 convolution of {@code width}, a 1×1 convolution back to 4·{@code width},
 * each with batch norm, the input added back, ReLU. Use it with {@code @Block(value = Bottleneck.class, width = 64)}.
 */
public interface Bottleneck {
  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv1(Tensor x);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor bn1);

  @BatchNorm(activation = RELU)
  Tensor bn2(Tensor conv2);

  @Conv(filters = 4, kernel = 1, bias = false)
  Tensor conv3(Tensor bn2);

  @BatchNorm
  Tensor bn3(Tensor conv3);

  @Output
  @Add(activation = RELU)
  Tensor out(Tensor bn3, Tensor x);
}
