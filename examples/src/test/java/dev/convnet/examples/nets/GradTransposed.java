package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.LEAKY_RELU;
import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.SOFTMAX;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Subsampling;
import dev.convnet.annotations.Tensor;
import dev.convnet.annotations.TransposedConv;

/** Transposed convolutions with stride, padding, output padding and dilation; subsampling; softmax output. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradTransposed {
  @Input(channels = 2, height = 5, width = 4)
  Tensor input();

  @TransposedConv(filters = 3, kernel = {3, 2}, stride = {2, 3}, pad = {1, 0}, outputPad = {1, 2},
      activation = TANH)
  Tensor up(Tensor input);

  @TransposedConv(filters = 2, kernel = 2, dilation = 2, bias = false, activation = LEAKY_RELU, slope = 0.1)
  Tensor wide(Tensor up);

  @Subsampling(window = {2, 3}, stride = {2, 1}, activation = SIGMOID)
  Tensor sub(Tensor wide);

  @Dense(units = 3)
  Tensor logits(Tensor sub);

  @Output
  @Activate(SOFTMAX)
  Tensor out(Tensor logits);
}
