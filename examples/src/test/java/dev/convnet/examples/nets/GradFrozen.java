package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Frozen convolutions: Sobel x and y kernels on the input, then one shared 2×2 kernel for every pair of maps; only
 * {@code conv} and {@code out} have parameters.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradFrozen {
  @Input(channels = 1, height = 7, width = 6)
  Tensor input();

  @Conv(filters = 2, kernel = 3, pad = 1, bias = false, weights = {
      -1, 0, 1, -2, 0, 2, -1, 0, 1,
      -1, -2, -1, 0, 0, 0, 1, 2, 1})
  Tensor sobel(Tensor input);

  @Conv(filters = 3, kernel = 2, stride = {2, 1}, bias = false, weights = {0.5, -0.25, 1, 0.75})
  Tensor shared(Tensor sobel);

  @Conv(filters = 2, kernel = {2, 3}, activation = TANH)
  Tensor conv(Tensor shared);

  @Output
  @Dense(units = 2)
  Tensor out(Tensor conv);
}
