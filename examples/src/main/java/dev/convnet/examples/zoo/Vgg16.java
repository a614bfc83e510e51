package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Block;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * VGG-16, configuration D of Simonyan and Zisserman 2015 ("Very Deep Convolutional Networks for Large-Scale Image
 * Recognition"), as torchvision builds it without batch norm ({@code torchvision.models.vgg16}): thirteen 3×3
 * convolutions in five stages of 64-128-256-512-512 filters, each stage ending in a 2×2 max pool, then dense layers
 * 4096-4096-1000 with ReLU and dropout 0.5: 138,357,544 parameters at 3×224×224, 1,000 classes. torchvision's
 * {@code AdaptiveAvgPool2d(7)} is the identity at 224 and left out.
 */
@Network
public interface Vgg16 {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Block(value = VggStage2.class, width = 64)
  Tensor stage1(Tensor image);

  @Block(value = VggStage2.class, width = 128)
  Tensor stage2(Tensor stage1);

  @Block(value = VggStage3.class, width = 256)
  Tensor stage3(Tensor stage2);

  @Block(value = VggStage3.class, width = 512)
  Tensor stage4(Tensor stage3);

  @Block(value = VggStage3.class, width = 512)
  Tensor stage5(Tensor stage4);

  @Dense(units = 4096, activation = RELU)
  Tensor fc6(Tensor stage5);

  @Dropout(rate = 0.5)
  Tensor drop6(Tensor fc6);

  @Dense(units = 4096, activation = RELU)
  Tensor fc7(Tensor drop6);

  @Dropout(rate = 0.5, seed = 2)
  Tensor drop7(Tensor fc7);

  @Output
  @Dense(units = 1000)
  Tensor fc8(Tensor drop7);
}
