package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * A small DenseNet-BC for 28×28 grey images, shaped like torchvision's: a 5×5 stride-2 stem of 24 filters with
 * BN-ReLU, 2×2 max pooling to 7×7, three dense blocks of four {@link CompactDenseLayer}s with growth rate 12
 * (24 → 72, 36 → 84, 42 → 90 maps) joined by {@link PooledTransition}s that halve the maps and the resolution
 * (7×7 → 4×4 → 2×2, pooling in ceil mode), a final BN-ReLU, global average pooling, dropout and a 10-way dense layer
 * (logits). Sized to train 5 Fashion-MNIST epochs in minutes on 2 cores. Compiled into {@code SmallDenseNetNet}.
 */
@Network
public interface SmallDenseNet {
  @Input(channels = 1, height = 28, width = 28)
  Tensor input();

  @Conv(filters = 24, kernel = 5, stride = 2, pad = 2, bias = false)
  Tensor conv0(Tensor input);

  @BatchNorm(activation = RELU)
  Tensor norm0(Tensor conv0);

  @MaxPool(window = 2)
  Tensor pool(Tensor norm0);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense1a(Tensor pool);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense1b(Tensor dense1a);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense1c(Tensor dense1b);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense1d(Tensor dense1c);

  @Block(value = PooledTransition.class, width = 36)
  Tensor transition1(Tensor dense1d);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense2a(Tensor transition1);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense2b(Tensor dense2a);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense2c(Tensor dense2b);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense2d(Tensor dense2c);

  @Block(value = PooledTransition.class, width = 42)
  Tensor transition2(Tensor dense2d);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense3a(Tensor transition2);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense3b(Tensor dense3a);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense3c(Tensor dense3b);

  @Block(value = CompactDenseLayer.class, width = 12)
  Tensor dense3d(Tensor dense3c);

  @BatchNorm(activation = RELU)
  Tensor norm(Tensor dense3d);

  @GlobalAvgPool
  Tensor avgpool(Tensor norm);

  @Dropout(rate = 0.2)
  Tensor dropout(Tensor avgpool);

  @Output
  @Dense(units = 10)
  Tensor fc(Tensor dropout);
}
