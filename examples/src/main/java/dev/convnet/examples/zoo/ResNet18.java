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

/** ResNet-18 (He et al. 2016) as torchvision builds it: 11,689,512 parameters at 3×224×224, 1,000 classes. */
@Network
public interface ResNet18 {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Conv(filters = 64, kernel = 7, stride = 2, pad = 3, bias = false)
  Tensor conv1(Tensor image);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @MaxPool(window = 3, stride = 2, pad = 1)
  Tensor pool(Tensor bn1);

  @Block(value = BasicBlock.class, width = 64)
  Tensor layer1a(Tensor pool);

  @Block(value = BasicBlock.class, width = 64)
  Tensor layer1b(Tensor layer1a);

  @Block(value = BasicDownBlock.class, width = 128, stride = 2)
  Tensor layer2a(Tensor layer1b);

  @Block(value = BasicBlock.class, width = 128)
  Tensor layer2b(Tensor layer2a);

  @Block(value = BasicDownBlock.class, width = 256, stride = 2)
  Tensor layer3a(Tensor layer2b);

  @Block(value = BasicBlock.class, width = 256)
  Tensor layer3b(Tensor layer3a);

  @Block(value = BasicDownBlock.class, width = 512, stride = 2)
  Tensor layer4a(Tensor layer3b);

  @Block(value = BasicBlock.class, width = 512)
  Tensor layer4b(Tensor layer4a);

  @GlobalAvgPool
  Tensor avgpool(Tensor layer4b);

  @Output
  @Dense(units = 1000)
  Tensor fc(Tensor avgpool);
}
