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
 * DenseNet-121 (Huang et al. 2017, "Densely Connected Convolutional Networks") as torchvision builds it
 * ({@code torchvision.models.densenet121}: growth rate 32, bn_size 4, compression 0.5): a 7×7/2 stem with batch norm
 * and a 3×3/2 max pool, dense blocks of 6-12-24-16 {@link DenseLayer}s (64 + 6·32 = 256 maps, halved by a
 * {@link Transition} to 128, then 512 → 256, 1024 → 512, and 1024 at the end), a final batch norm and ReLU, global
 * average pooling and a dense layer: 7,978,856 parameters at 3×224×224, 1,000 classes. Names follow torchvision's
 * ({@code features.denseblock1.denselayer1} becomes {@code denseblock1_denselayer1}).
 */
@Network
public interface DenseNet121 {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Conv(filters = 64, kernel = 7, stride = 2, pad = 3, bias = false)
  Tensor conv0(Tensor image);

  @BatchNorm(activation = RELU)
  Tensor norm0(Tensor conv0);

  @MaxPool(window = 3, stride = 2, pad = 1)
  Tensor pool0(Tensor norm0);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer1(Tensor pool0);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer2(Tensor denseblock1_denselayer1);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer3(Tensor denseblock1_denselayer2);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer4(Tensor denseblock1_denselayer3);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer5(Tensor denseblock1_denselayer4);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock1_denselayer6(Tensor denseblock1_denselayer5);

  @Block(value = Transition.class, width = 128)
  Tensor transition1(Tensor denseblock1_denselayer6);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer1(Tensor transition1);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer2(Tensor denseblock2_denselayer1);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer3(Tensor denseblock2_denselayer2);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer4(Tensor denseblock2_denselayer3);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer5(Tensor denseblock2_denselayer4);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer6(Tensor denseblock2_denselayer5);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer7(Tensor denseblock2_denselayer6);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer8(Tensor denseblock2_denselayer7);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer9(Tensor denseblock2_denselayer8);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer10(Tensor denseblock2_denselayer9);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer11(Tensor denseblock2_denselayer10);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock2_denselayer12(Tensor denseblock2_denselayer11);

  @Block(value = Transition.class, width = 256)
  Tensor transition2(Tensor denseblock2_denselayer12);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer1(Tensor transition2);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer2(Tensor denseblock3_denselayer1);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer3(Tensor denseblock3_denselayer2);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer4(Tensor denseblock3_denselayer3);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer5(Tensor denseblock3_denselayer4);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer6(Tensor denseblock3_denselayer5);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer7(Tensor denseblock3_denselayer6);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer8(Tensor denseblock3_denselayer7);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer9(Tensor denseblock3_denselayer8);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer10(Tensor denseblock3_denselayer9);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer11(Tensor denseblock3_denselayer10);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer12(Tensor denseblock3_denselayer11);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer13(Tensor denseblock3_denselayer12);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer14(Tensor denseblock3_denselayer13);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer15(Tensor denseblock3_denselayer14);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer16(Tensor denseblock3_denselayer15);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer17(Tensor denseblock3_denselayer16);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer18(Tensor denseblock3_denselayer17);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer19(Tensor denseblock3_denselayer18);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer20(Tensor denseblock3_denselayer19);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer21(Tensor denseblock3_denselayer20);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer22(Tensor denseblock3_denselayer21);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer23(Tensor denseblock3_denselayer22);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock3_denselayer24(Tensor denseblock3_denselayer23);

  @Block(value = Transition.class, width = 512)
  Tensor transition3(Tensor denseblock3_denselayer24);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer1(Tensor transition3);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer2(Tensor denseblock4_denselayer1);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer3(Tensor denseblock4_denselayer2);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer4(Tensor denseblock4_denselayer3);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer5(Tensor denseblock4_denselayer4);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer6(Tensor denseblock4_denselayer5);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer7(Tensor denseblock4_denselayer6);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer8(Tensor denseblock4_denselayer7);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer9(Tensor denseblock4_denselayer8);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer10(Tensor denseblock4_denselayer9);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer11(Tensor denseblock4_denselayer10);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer12(Tensor denseblock4_denselayer11);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer13(Tensor denseblock4_denselayer12);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer14(Tensor denseblock4_denselayer13);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer15(Tensor denseblock4_denselayer14);

  @Block(value = DenseLayer.class, width = 32)
  Tensor denseblock4_denselayer16(Tensor denseblock4_denselayer15);

  @BatchNorm(activation = RELU)
  Tensor norm5(Tensor denseblock4_denselayer16);

  @GlobalAvgPool
  Tensor avgpool(Tensor norm5);

  @Output
  @Dense(units = 1000)
  Tensor classifier(Tensor avgpool);
}
