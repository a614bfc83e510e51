package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Concat;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Concatenation of feature maps (the input itself among them) and of vectors, each input also read elsewhere. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradConcat {
  @Input(channels = 2, height = 6, width = 5)
  Tensor input();

  @Conv(filters = 2, kernel = 3, pad = 1, activation = TANH)
  Tensor m1(Tensor input);

  @Conv(filters = 3, kernel = {1, 3}, pad = {0, 1}, activation = SIGMOID)
  Tensor m2(Tensor m1);

  @Concat
  Tensor maps(Tensor m2, Tensor input, Tensor m1);

  @Conv(filters = 2, kernel = {2, 3}, stride = {2, 1}, activation = TANH)
  Tensor mixed(Tensor maps);

  @Dense(units = 4, activation = TANH)
  Tensor v1(Tensor mixed);

  @Dense(units = 3, activation = SIGMOID)
  Tensor v2(Tensor maps);

  @Concat
  Tensor vectors(Tensor v1, Tensor v2);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor vectors);
}
