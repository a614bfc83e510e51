package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/** A residual block for {@link GradBlocks}: two convolutions and a projection, strided by each use. */
public interface GradResidual {
  @Conv(filters = 1, kernel = 3, pad = 1, stride = Block.STRIDE, activation = TANH)
  Tensor conv1(Tensor x);

  @Conv(filters = 2, kernel = {3, 1}, pad = {1, 0})
  Tensor conv2(Tensor conv1);

  @Conv(filters = 2, kernel = 1, stride = Block.STRIDE)
  Tensor proj(Tensor x);

  @Output
  @Add(activation = TANH)
  Tensor sum(Tensor conv2, Tensor proj);
}
