package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/** {@link VectorDense} in plain Java. */
@Network
public interface VectorDensePlain {
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
