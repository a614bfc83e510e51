package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Convolutions with stride, explicit padding, dilation, a non-square kernel and a connection table. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradConv {
  @Input(channels = 2, height = 9, width = 7)
  Tensor input();

  @Conv(filters = 3, kernel = {3, 2}, stride = {2, 1}, pad = {1, 2}, dilation = {1, 2}, activation = TANH)
  Tensor a(Tensor input);

  @Conv(filters = 4, kernel = 2, activation = SIGMOID, table = {"XX.X", ".XXX", "X..X"})
  Tensor b(Tensor a);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor b);
}
