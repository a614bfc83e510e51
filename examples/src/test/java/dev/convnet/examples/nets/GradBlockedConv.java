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
 * Convolutions for the blocked Vector API kernels, one per geometry they handle: a 5×5 stride-2 stem on 3 maps (the
 * patch form), 3×3 stride 1 on a 7-wide map (one 7-position tile), 3×3 stride 2 on an odd size (7 → 4: the input
 * gradient's phases clipped), 1×1 without bias, a residual addition, and 2×2 without padding into 16 maps (one vector
 * at 16 lanes); the float64 twin runs the plain kernels.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradBlockedConv {
  @Input(channels = 3, height = 13, width = 13)
  Tensor input();

  @Conv(filters = 16, kernel = 5, stride = 2, pad = 2, activation = RELU)
  Tensor stem(Tensor input);

  @Conv(filters = 32, kernel = 3, pad = 1, activation = RELU)
  Tensor a(Tensor stem);

  @Conv(filters = 64, kernel = 3, stride = 2, pad = 1, activation = TANH)
  Tensor b(Tensor a);

  @Conv(filters = 64, kernel = 1, bias = false)
  Tensor c(Tensor b);

  @Add(activation = RELU)
  Tensor sum(Tensor b, Tensor c);

  @Conv(filters = 16, kernel = 2, activation = TANH)
  Tensor d(Tensor sum);

  @GlobalAvgPool
  Tensor gap(Tensor d);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor gap);
}
