package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A ResNet's stem, pooling and first basic block at a small scale, which a frozen copy runs linked on blocked planes:
 * the stem (patch kernels, batch norm and ReLU fused) leaves its output in its planes, the max pooling reads them and
 * keeps its own, which the block's first convolution reads as its input and its second as the residual term.
 */
@Network
public interface PooledBlocks {
  @Input(channels = 3, height = 22, width = 21)
  Tensor input();

  @Conv(filters = 16, kernel = 7, stride = 2, pad = 3, bias = false)
  Tensor stem(Tensor input);

  @BatchNorm(activation = RELU)
  Tensor stemBn(Tensor stem);

  @MaxPool(window = 3, stride = 2, pad = 1)
  Tensor pool(Tensor stemBn);

  @Conv(filters = 16, kernel = 3, pad = 1, bias = false)
  Tensor a(Tensor pool);

  @BatchNorm(activation = RELU)
  Tensor aBn(Tensor a);

  @Conv(filters = 16, kernel = 3, pad = 1, bias = false)
  Tensor b(Tensor aBn);

  @BatchNorm
  Tensor bBn(Tensor b);

  @Add(activation = RELU)
  Tensor sum(Tensor bBn, Tensor pool);

  @GlobalAvgPool
  Tensor gap(Tensor sum);

  @Output
  @Dense(units = 4)
  Tensor out(Tensor gap);
}
