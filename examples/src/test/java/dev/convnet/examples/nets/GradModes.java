package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.SOFTMAX;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Padding;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Named padding modes (SAME with dilation, FULL), a stride that does not tile, no bias, stand-alone activations. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradModes {
  @Input(channels = 1, height = 7, width = 6)
  Tensor input();

  @Conv(filters = 2, kernel = 3, dilation = 2, padding = Padding.SAME, activation = TANH)
  Tensor same(Tensor input);

  @Conv(filters = 3, kernel = {2, 3}, padding = Padding.FULL, bias = false)
  Tensor full(Tensor same);

  @Activate(RELU)
  Tensor relu(Tensor full);

  @Conv(filters = 2, kernel = 2, stride = 3, activation = TANH)
  Tensor strided(Tensor relu);

  @Output
  @Dense(units = 4, activation = SOFTMAX)
  Tensor out(Tensor strided);
}
