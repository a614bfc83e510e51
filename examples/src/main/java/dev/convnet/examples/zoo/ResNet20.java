package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-20 for CIFAR-10 (He et al. 2016, section 4.2): a 3×3 convolution of 16 filters with batch norm and ReLU on
 * the 3×32×32 image, three stages of three basic blocks with 16, 32 and 64 maps (32×32, 16×16, 8×8; the first
 * block of stages 2 and 3 has stride 2), global average pooling and a 10-way dense layer (logits): 6·3 + 2 = 20
 * weighted layers.
 *
 * <p>The shortcuts that change the width are projections, a strided 1×1 convolution with batch norm ({@link
 * BasicDownBlock}: the paper's option B), as in most PyTorch ports; the paper's CIFAR models use option A (identity
 * with zero-padded channels, no parameters), 269,722 parameters, which the paper rounds to 0.27 M. The projections add
 * 16·32 + 32·64 weights and 2·(32 + 64) batch-norm parameters: 272,474 in all. 40.8 M multiply-accumulates per image.
 * Compiled into {@code ResNet20Net}.
 */
@Network
public interface ResNet20 {
  @Input(channels = 3, height = 32, width = 32)
  Tensor image();

  @Conv(filters = 16, kernel = 3, pad = 1, bias = false)
  Tensor conv1(Tensor image);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Block(value = BasicBlock.class, width = 16)
  Tensor stage1a(Tensor bn1);

  @Block(value = BasicBlock.class, width = 16)
  Tensor stage1b(Tensor stage1a);

  @Block(value = BasicBlock.class, width = 16)
  Tensor stage1c(Tensor stage1b);

  @Block(value = BasicDownBlock.class, width = 32, stride = 2)
  Tensor stage2a(Tensor stage1c);

  @Block(value = BasicBlock.class, width = 32)
  Tensor stage2b(Tensor stage2a);

  @Block(value = BasicBlock.class, width = 32)
  Tensor stage2c(Tensor stage2b);

  @Block(value = BasicDownBlock.class, width = 64, stride = 2)
  Tensor stage3a(Tensor stage2c);

  @Block(value = BasicBlock.class, width = 64)
  Tensor stage3b(Tensor stage3a);

  @Block(value = BasicBlock.class, width = 64)
  Tensor stage3c(Tensor stage3b);

  @GlobalAvgPool
  Tensor avgpool(Tensor stage3c);

  @Output
  @Dense(units = 10)
  Tensor fc(Tensor avgpool);
}
