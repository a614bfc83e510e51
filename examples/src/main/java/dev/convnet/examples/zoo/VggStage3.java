package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A VGG stage of three 3×3 convolutions (padding 1, ReLU) of {@code width} filters, then a 2×2/2 max pool (VGG-16's
 * last three stages). Use it with {@code @Block(value = VggStage3.class, width = 256)}.
 */
public interface VggStage3 {
  @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU)
  Tensor conv1(Tensor x);

  @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU)
  Tensor conv2(Tensor conv1);

  @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU)
  Tensor conv3(Tensor conv2);

  @Output
  @MaxPool(window = 2, stride = 2)
  Tensor pool(Tensor conv3);
}
