package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A VGG stage of two 3×3 convolutions (padding 1, ReLU) of {@code width} filters, then a 2×2/2 max pool that halves
 * the map (Simonyan and Zisserman 2015). Use it with {@code @Block(value = VggStage2.class, width = 64)}.
 */
public interface VggStage2 {
  @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU)
  Tensor conv1(Tensor x);

  @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU)
  Tensor conv2(Tensor conv1);

  @Output
  @MaxPool(window = 2, stride = 2)
  Tensor pool(Tensor conv2);
}
