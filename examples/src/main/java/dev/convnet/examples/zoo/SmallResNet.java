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
 * A small ResNet for 28×28 grey images, shaped like torchvision's: a 5×5 stride-2 stem of 16 filters with batch
 * norm and ReLU, 2×2 max pooling to 7×7, then three stages of widths 16, 32 and 64, a {@link BasicBlock} and two
 * {@link BasicDownBlock}s of stride 2 (7×7 → 4×4 → 2×2), global average pooling, dropout and a 10-way dense layer
 * (logits). Sized to train 5 Fashion-MNIST epochs in minutes on 2 cores. Compiled into {@code SmallResNetNet}.
 */
@Network
public interface SmallResNet {
  @Input(channels = 1, height = 28, width = 28)
  Tensor input();

  @Conv(filters = 16, kernel = 5, stride = 2, pad = 2, bias = false)
  Tensor conv1(Tensor input);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @MaxPool(window = 2)
  Tensor pool(Tensor bn1);

  @Block(value = BasicBlock.class, width = 16)
  Tensor stage1(Tensor pool);

  @Block(value = BasicDownBlock.class, width = 32, stride = 2)
  Tensor stage2(Tensor stage1);

  @Block(value = BasicDownBlock.class, width = 64, stride = 2)
  Tensor stage3(Tensor stage2);

  @GlobalAvgPool
  Tensor avgpool(Tensor stage3);

  @Dropout(rate = 0.2)
  Tensor dropout(Tensor avgpool);

  @Output
  @Dense(units = 10)
  Tensor fc(Tensor dropout);
}
