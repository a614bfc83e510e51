package dev.convnet.onnx.testnets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.SOFTMAX;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/** A three-way sum (ONNX Sum), batch norm without scale and shift, and a softmax output. */
@Network
public interface SoftmaxHead {
  @Input(channels = 2, height = 8, width = 8)
  Tensor input();

  @Conv(filters = 4, kernel = 3, pad = 1)
  Tensor a(Tensor input);

  @BatchNorm(affine = false, eps = 1e-3, momentum = 0.2)
  Tensor norm(Tensor a);

  @Conv(filters = 4, kernel = 1, bias = false)
  Tensor b(Tensor input);

  @Conv(filters = 4, kernel = 3, pad = 1, activation = RELU)
  Tensor c(Tensor input);

  @Add(activation = RELU)
  Tensor sum(Tensor norm, Tensor b, Tensor c);

  @GlobalAvgPool
  Tensor pool(Tensor sum);

  @Output
  @Dense(units = 5, activation = SOFTMAX)
  Tensor out(Tensor pool);
}
