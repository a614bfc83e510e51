package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.LocalResponseNorm;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Local response normalization with windows of 3, 5 and (even) 4 channels over 6 maps, with a large alpha so that
 * the normalization's own derivative matters.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradLrn {
  @Input(channels = 2, height = 5, width = 4)
  Tensor input();

  @Conv(filters = 6, kernel = {2, 3}, pad = {0, 1}, activation = TANH)
  Tensor conv(Tensor input);

  @LocalResponseNorm(size = 3, alpha = 0.9, beta = 0.75, k = 1)
  Tensor lrn3(Tensor conv);

  @LocalResponseNorm(size = 5, alpha = 1.5, beta = 0.6, k = 2)
  Tensor lrn5(Tensor lrn3);

  @LocalResponseNorm(size = 4, alpha = 2, beta = 1.2, k = 0.5)
  Tensor lrn4(Tensor lrn5);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor lrn4);
}
