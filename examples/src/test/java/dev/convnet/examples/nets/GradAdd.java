package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.LEAKY_RELU;
import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Adds of three and two inputs with activations; {@code a} fans out into {@code b}, {@code c} and {@code sum}, and
 * {@code b} into {@code c}, {@code sum} and {@code again}, so deltas from several consumers accumulate.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradAdd {
  @Input(channels = 2, height = 7, width = 5)
  Tensor input();

  @Conv(filters = 3, kernel = {3, 2}, pad = {1, 0}, activation = TANH)
  Tensor a(Tensor input);

  @Conv(filters = 3, kernel = 3, pad = 1, activation = SIGMOID)
  Tensor b(Tensor a);

  @Conv(filters = 3, kernel = {1, 3}, pad = {0, 1})
  Tensor c(Tensor b);

  @Add(activation = TANH)
  Tensor sum(Tensor a, Tensor b, Tensor c);

  @Add(activation = LEAKY_RELU, slope = 0.2)
  Tensor again(Tensor sum, Tensor b);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor again);
}
