package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/** {@link VectorConv} in plain Java. */
@Network
public interface VectorConvPlain {
  @Input(channels = 2, height = 9, width = 11)
  Tensor input();

  @Conv(filters = 6, kernel = 3, activation = TANH)
  Tensor first(Tensor input);

  @Conv(filters = 5, kernel = {2, 3}, pad = {1, 1}, activation = RELU)
  Tensor second(Tensor first);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor second);
}
