package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-50 (He et al. 2016, "Deep Residual Learning for Image Recognition") as torchvision builds it
 * ({@code torchvision.models.resnet50}, v1.5: the stride on the bottleneck's 3×3 convolution): the ResNet-18 stem,
 * then 3-4-6-3 {@link Bottleneck} blocks of widths 64-128-256-512 (4× as many output maps), each stage opened by a
 * {@link BottleneckDown} with a projection shortcut: 25,557,032 parameters at 3×224×224, 1,000 classes.
 */
@Network
public interface ResNet50 {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Conv(filters = 64, kernel = 7, stride = 2, pad = 3, bias = false)
  Tensor conv1(Tensor image);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @MaxPool(window = 3, stride = 2, pad = 1)
  Tensor pool(Tensor bn1);

  @Block(value = BottleneckDown.class, width = 64)
  Tensor layer1a(Tensor pool);

  @Block(value = Bottleneck.class, width = 64)
  Tensor layer1b(Tensor layer1a);

  @Block(value = Bottleneck.class, width = 64)
  Tensor layer1c(Tensor layer1b);

  @Block(value = BottleneckDown.class, width = 128, stride = 2)
  Tensor layer2a(Tensor layer1c);

  @Block(value = Bottleneck.class, width = 128)
  Tensor layer2b(Tensor layer2a);

  @Block(value = Bottleneck.class, width = 128)
  Tensor layer2c(Tensor layer2b);

  @Block(value = Bottleneck.class, width = 128)
  Tensor layer2d(Tensor layer2c);

  @Block(value = BottleneckDown.class, width = 256, stride = 2)
  Tensor layer3a(Tensor layer2d);

  @Block(value = Bottleneck.class, width = 256)
  Tensor layer3b(Tensor layer3a);

  @Block(value = Bottleneck.class, width = 256)
  Tensor layer3c(Tensor layer3b);

  @Block(value = Bottleneck.class, width = 256)
  Tensor layer3d(Tensor layer3c);

  @Block(value = Bottleneck.class, width = 256)
  Tensor layer3e(Tensor layer3d);

  @Block(value = Bottleneck.class, width = 256)
  Tensor layer3f(Tensor layer3e);

  @Block(value = BottleneckDown.class, width = 512, stride = 2)
  Tensor layer4a(Tensor layer3f);

  @Block(value = Bottleneck.class, width = 512)
  Tensor layer4b(Tensor layer4a);

  @Block(value = Bottleneck.class, width = 512)
  Tensor layer4c(Tensor layer4b);

  @GlobalAvgPool
  Tensor avgpool(Tensor layer4c);

  @Output
  @Dense(units = 1000)
  Tensor fc(Tensor avgpool);
}
