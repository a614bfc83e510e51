package dev.convnet.examples.filters;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * The seed's frozen-kernel demonstration: an 80×80 RGB picture, one fixed Sobel-X kernel shared by the three colour
 * channels (so the map is the Sobel-X correlation of R + G + B), ReLU, 2×2 max pooling: 3×80×80 → 1×78×78 → 1×78×78
 * → 1×39×39. Nothing is trained: the network has no parameters. Compiled into {@code SobelEdgesNet}.
 */
@Network
public interface SobelEdges {
  @Input(channels = 3, height = 80, width = 80)
  Tensor image();

  /** Sobel-X, one 3×3 kernel used for every input channel; fixed, no bias. */
  @Conv(filters = 1, kernel = 3, bias = false, weights = {
      -1, 0, 1,
      -2, 0, 2,
      -1, 0, 1})
  Tensor sobelX(Tensor image);

  @Activate(RELU)
  Tensor relu(Tensor sobelX);

  @Output
  @MaxPool(window = 2)
  Tensor pool(Tensor relu);
}
