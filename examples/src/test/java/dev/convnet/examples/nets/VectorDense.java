package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * Fully connected products of awkward sizes generated with the Vector API: a convolution covering its whole input
 * (75 inputs: vectors plus a scalar tail), 10 and 37 outputs (not multiples of the 4-output block). Compared with
 * {@link VectorDensePlain}, the same declaration in plain Java.
 */
@Network(vectorApi = true)
public interface VectorDense {
  @Input(channels = 3, height = 5, width = 5)
  Tensor input();

  @Conv(filters = 10, kernel = 5, activation = TANH)
  Tensor cover(Tensor input);

  @Dense(units = 37, activation = TANH)
  Tensor hidden(Tensor cover);

  @Output
  @Dense(units = 2)
  Tensor out(Tensor hidden);
}
