package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Edge;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A cheaper DenseNet transition between dense blocks: BN-ReLU, 2×2 average pooling (ceil mode: an odd map keeps
 * its last row and column) and a 1×1 convolution to {@code width} maps. Pooling before the (linear, bias-free) 1×1
 * convolution gives the same result as after it (DenseNet's order) at a quarter of the cost. Use it with {@code @Block(value = PooledTransition.class, width = maps)}.
 */
public interface PooledTransition {
  @BatchNorm(activation = RELU)
  Tensor norm(Tensor x);

  @AvgPool(window = 2, edge = Edge.CEIL)
  Tensor pool(Tensor norm);

  @Output
  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv(Tensor pool);
}
