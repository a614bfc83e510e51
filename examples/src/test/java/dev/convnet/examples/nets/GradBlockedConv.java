package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Convolutions large enough for the blocked Vector API kernels, one per geometry they handle: 3×3 stride 1 (a 9-wide
 * map: one 7-position tile and a tail), 3×3 stride 2 on an odd size (9 → 5: the input gradient's phases clipped),
 * 1×1 without bias, 2×2 without padding, and a residual addition; the float64 twin runs the plain kernels.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradBlockedConv {
  @Input(channels = 16, height = 9, width = 9)
  Tensor input();

  @Conv(filters = 32, kernel = 3, pad = 1, activation = RELU)
  Tensor a(Tensor input);

  @Conv(filters = 64, kernel = 3, stride = 2, pad = 1, activation = TANH)
  Tensor b(Tensor a);

  @Conv(filters = 64, kernel = 1, bias = false)
  Tensor c(Tensor b);

  @Add(activation = RELU)
  Tensor sum(Tensor b, Tensor c);

  @Conv(filters = 32, kernel = 2, activation = TANH)
  Tensor d(Tensor sum);

  @GlobalAvgPool
  Tensor gap(Tensor d);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor gap);
}
