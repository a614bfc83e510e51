package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Edge;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * GoogLeNet (Szegedy et al. 2015, "Going Deeper with Convolutions") as torchvision builds it
 * ({@code torchvision.models.googlenet} without the auxiliary classifiers, which only exist in training): every
 * convolution a {@code BasicConv2d} (no bias, batch norm with eps 0.001, ReLU), max pools in ceil mode, and nine
 * inception modules of four branches concatenated: 1×1; 1×1 then 3×3; 1×1 then 3×3 (torchvision's, where the paper
 * has 5×5); a 3×3/1 max pool then 1×1: one {@link Inception} block, each use giving its six filter counts.
 * Then global average pooling, dropout 0.2 and a dense layer: 6,624,904 parameters at 3×224×224, 1,000 classes.
 */
@Network
public interface GoogLeNet {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Conv(filters = 64, kernel = 7, stride = 2, pad = 3, bias = false)
  Tensor conv1(Tensor image);

  @BatchNorm(eps = 0.001, activation = RELU)
  Tensor conv1Bn(Tensor conv1);

  @MaxPool(window = 3, stride = 2, edge = Edge.CEIL)
  Tensor maxpool1(Tensor conv1Bn);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor conv2(Tensor maxpool1);

  @Block(value = BasicConv3x3.class, width = 192)
  Tensor conv3(Tensor conv2);

  @MaxPool(window = 3, stride = 2, edge = Edge.CEIL)
  Tensor maxpool2(Tensor conv3);

  @Block(value = Inception.class, widths = {64, 96, 128, 16, 32, 32}) // 64 + 128 + 32 + 32 = 256 maps
  Tensor inception3a(Tensor maxpool2);

  @Block(value = Inception.class, widths = {128, 128, 192, 32, 96, 64}) // 128 + 192 + 96 + 64 = 480 maps
  Tensor inception3b(Tensor inception3a);

  @MaxPool(window = 3, stride = 2, edge = Edge.CEIL)
  Tensor maxpool3(Tensor inception3b);

  @Block(value = Inception.class, widths = {192, 96, 208, 16, 48, 64}) // 192 + 208 + 48 + 64 = 512 maps
  Tensor inception4a(Tensor maxpool3);

  @Block(value = Inception.class, widths = {160, 112, 224, 24, 64, 64}) // 160 + 224 + 64 + 64 = 512 maps
  Tensor inception4b(Tensor inception4a);

  @Block(value = Inception.class, widths = {128, 128, 256, 24, 64, 64}) // 128 + 256 + 64 + 64 = 512 maps
  Tensor inception4c(Tensor inception4b);

  @Block(value = Inception.class, widths = {112, 144, 288, 32, 64, 64}) // 112 + 288 + 64 + 64 = 528 maps
  Tensor inception4d(Tensor inception4c);

  @Block(value = Inception.class, widths = {256, 160, 320, 32, 128, 128}) // 256 + 320 + 128 + 128 = 832 maps
  Tensor inception4e(Tensor inception4d);

  @MaxPool(window = 2, stride = 2, edge = Edge.CEIL)
  Tensor maxpool4(Tensor inception4e);

  @Block(value = Inception.class, widths = {256, 160, 320, 32, 128, 128}) // 256 + 320 + 128 + 128 = 832 maps
  Tensor inception5a(Tensor maxpool4);

  @Block(value = Inception.class, widths = {384, 192, 384, 48, 128, 128}) // 384 + 384 + 128 + 128 = 1024 maps
  Tensor inception5b(Tensor inception5a);

  @GlobalAvgPool
  Tensor avgpool(Tensor inception5b);

  @Dropout(rate = 0.2)
  Tensor dropout(Tensor avgpool);

  @Output
  @Dense(units = 1000)
  Tensor fc(Tensor dropout);
}
