package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Batch norm with and without the affine scale and shift, on feature maps and on a vector after a dense layer. The
 * layers before each batch norm have no bias or an activation, so that every parameter has a non-zero gradient.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradBatchNorm {
  @Input(channels = 3, height = 5, width = 4)
  Tensor input();

  @Conv(filters = 4, kernel = {2, 3}, pad = {0, 1}, bias = false)
  Tensor conv1(Tensor input);

  @BatchNorm(activation = TANH)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 3, kernel = {3, 2}, activation = SIGMOID)
  Tensor conv2(Tensor bn1);

  @BatchNorm(affine = false, eps = 1e-3, momentum = 0.3)
  Tensor bn2(Tensor conv2);

  @Dense(units = 5, activation = TANH)
  Tensor fc(Tensor bn2);

  @BatchNorm(activation = SIGMOID)
  Tensor bnv(Tensor fc);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor bnv);
}
