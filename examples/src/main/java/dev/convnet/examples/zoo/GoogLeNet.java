package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Concat;
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
 * has 5×5); a 3×3/1 max pool then 1×1. The branches' filter counts differ from module to module in no common
 * ratio, so each branch is a {@link BasicConv1x1} or {@link BasicConv3x3} block whose width is its filter count.
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

  // inception 3a: 64 + 128 + 32 + 32 = 256 maps
  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception3a_branch1(Tensor maxpool2);

  @Block(value = BasicConv1x1.class, width = 96)
  Tensor inception3a_branch2a(Tensor maxpool2);

  @Block(value = BasicConv3x3.class, width = 128)
  Tensor inception3a_branch2b(Tensor inception3a_branch2a);

  @Block(value = BasicConv1x1.class, width = 16)
  Tensor inception3a_branch3a(Tensor maxpool2);

  @Block(value = BasicConv3x3.class, width = 32)
  Tensor inception3a_branch3b(Tensor inception3a_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception3a_branch4a(Tensor maxpool2);

  @Block(value = BasicConv1x1.class, width = 32)
  Tensor inception3a_branch4b(Tensor inception3a_branch4a);

  @Concat
  Tensor inception3a(Tensor inception3a_branch1, Tensor inception3a_branch2b, Tensor inception3a_branch3b,
      Tensor inception3a_branch4b);

  // inception 3b: 128 + 192 + 96 + 64 = 480 maps
  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception3b_branch1(Tensor inception3a);

  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception3b_branch2a(Tensor inception3a);

  @Block(value = BasicConv3x3.class, width = 192)
  Tensor inception3b_branch2b(Tensor inception3b_branch2a);

  @Block(value = BasicConv1x1.class, width = 32)
  Tensor inception3b_branch3a(Tensor inception3a);

  @Block(value = BasicConv3x3.class, width = 96)
  Tensor inception3b_branch3b(Tensor inception3b_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception3b_branch4a(Tensor inception3a);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception3b_branch4b(Tensor inception3b_branch4a);

  @Concat
  Tensor inception3b(Tensor inception3b_branch1, Tensor inception3b_branch2b, Tensor inception3b_branch3b,
      Tensor inception3b_branch4b);

  @MaxPool(window = 3, stride = 2, edge = Edge.CEIL)
  Tensor maxpool3(Tensor inception3b);

  // inception 4a: 192 + 208 + 48 + 64 = 512 maps
  @Block(value = BasicConv1x1.class, width = 192)
  Tensor inception4a_branch1(Tensor maxpool3);

  @Block(value = BasicConv1x1.class, width = 96)
  Tensor inception4a_branch2a(Tensor maxpool3);

  @Block(value = BasicConv3x3.class, width = 208)
  Tensor inception4a_branch2b(Tensor inception4a_branch2a);

  @Block(value = BasicConv1x1.class, width = 16)
  Tensor inception4a_branch3a(Tensor maxpool3);

  @Block(value = BasicConv3x3.class, width = 48)
  Tensor inception4a_branch3b(Tensor inception4a_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception4a_branch4a(Tensor maxpool3);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception4a_branch4b(Tensor inception4a_branch4a);

  @Concat
  Tensor inception4a(Tensor inception4a_branch1, Tensor inception4a_branch2b, Tensor inception4a_branch3b,
      Tensor inception4a_branch4b);

  // inception 4b: 160 + 224 + 64 + 64 = 512 maps
  @Block(value = BasicConv1x1.class, width = 160)
  Tensor inception4b_branch1(Tensor inception4a);

  @Block(value = BasicConv1x1.class, width = 112)
  Tensor inception4b_branch2a(Tensor inception4a);

  @Block(value = BasicConv3x3.class, width = 224)
  Tensor inception4b_branch2b(Tensor inception4b_branch2a);

  @Block(value = BasicConv1x1.class, width = 24)
  Tensor inception4b_branch3a(Tensor inception4a);

  @Block(value = BasicConv3x3.class, width = 64)
  Tensor inception4b_branch3b(Tensor inception4b_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception4b_branch4a(Tensor inception4a);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception4b_branch4b(Tensor inception4b_branch4a);

  @Concat
  Tensor inception4b(Tensor inception4b_branch1, Tensor inception4b_branch2b, Tensor inception4b_branch3b,
      Tensor inception4b_branch4b);

  // inception 4c: 128 + 256 + 64 + 64 = 512 maps
  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception4c_branch1(Tensor inception4b);

  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception4c_branch2a(Tensor inception4b);

  @Block(value = BasicConv3x3.class, width = 256)
  Tensor inception4c_branch2b(Tensor inception4c_branch2a);

  @Block(value = BasicConv1x1.class, width = 24)
  Tensor inception4c_branch3a(Tensor inception4b);

  @Block(value = BasicConv3x3.class, width = 64)
  Tensor inception4c_branch3b(Tensor inception4c_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception4c_branch4a(Tensor inception4b);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception4c_branch4b(Tensor inception4c_branch4a);

  @Concat
  Tensor inception4c(Tensor inception4c_branch1, Tensor inception4c_branch2b, Tensor inception4c_branch3b,
      Tensor inception4c_branch4b);

  // inception 4d: 112 + 288 + 64 + 64 = 528 maps
  @Block(value = BasicConv1x1.class, width = 112)
  Tensor inception4d_branch1(Tensor inception4c);

  @Block(value = BasicConv1x1.class, width = 144)
  Tensor inception4d_branch2a(Tensor inception4c);

  @Block(value = BasicConv3x3.class, width = 288)
  Tensor inception4d_branch2b(Tensor inception4d_branch2a);

  @Block(value = BasicConv1x1.class, width = 32)
  Tensor inception4d_branch3a(Tensor inception4c);

  @Block(value = BasicConv3x3.class, width = 64)
  Tensor inception4d_branch3b(Tensor inception4d_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception4d_branch4a(Tensor inception4c);

  @Block(value = BasicConv1x1.class, width = 64)
  Tensor inception4d_branch4b(Tensor inception4d_branch4a);

  @Concat
  Tensor inception4d(Tensor inception4d_branch1, Tensor inception4d_branch2b, Tensor inception4d_branch3b,
      Tensor inception4d_branch4b);

  // inception 4e: 256 + 320 + 128 + 128 = 832 maps
  @Block(value = BasicConv1x1.class, width = 256)
  Tensor inception4e_branch1(Tensor inception4d);

  @Block(value = BasicConv1x1.class, width = 160)
  Tensor inception4e_branch2a(Tensor inception4d);

  @Block(value = BasicConv3x3.class, width = 320)
  Tensor inception4e_branch2b(Tensor inception4e_branch2a);

  @Block(value = BasicConv1x1.class, width = 32)
  Tensor inception4e_branch3a(Tensor inception4d);

  @Block(value = BasicConv3x3.class, width = 128)
  Tensor inception4e_branch3b(Tensor inception4e_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception4e_branch4a(Tensor inception4d);

  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception4e_branch4b(Tensor inception4e_branch4a);

  @Concat
  Tensor inception4e(Tensor inception4e_branch1, Tensor inception4e_branch2b, Tensor inception4e_branch3b,
      Tensor inception4e_branch4b);

  @MaxPool(window = 2, stride = 2, edge = Edge.CEIL)
  Tensor maxpool4(Tensor inception4e);

  // inception 5a: 256 + 320 + 128 + 128 = 832 maps
  @Block(value = BasicConv1x1.class, width = 256)
  Tensor inception5a_branch1(Tensor maxpool4);

  @Block(value = BasicConv1x1.class, width = 160)
  Tensor inception5a_branch2a(Tensor maxpool4);

  @Block(value = BasicConv3x3.class, width = 320)
  Tensor inception5a_branch2b(Tensor inception5a_branch2a);

  @Block(value = BasicConv1x1.class, width = 32)
  Tensor inception5a_branch3a(Tensor maxpool4);

  @Block(value = BasicConv3x3.class, width = 128)
  Tensor inception5a_branch3b(Tensor inception5a_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception5a_branch4a(Tensor maxpool4);

  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception5a_branch4b(Tensor inception5a_branch4a);

  @Concat
  Tensor inception5a(Tensor inception5a_branch1, Tensor inception5a_branch2b, Tensor inception5a_branch3b,
      Tensor inception5a_branch4b);

  // inception 5b: 384 + 384 + 128 + 128 = 1024 maps
  @Block(value = BasicConv1x1.class, width = 384)
  Tensor inception5b_branch1(Tensor inception5a);

  @Block(value = BasicConv1x1.class, width = 192)
  Tensor inception5b_branch2a(Tensor inception5a);

  @Block(value = BasicConv3x3.class, width = 384)
  Tensor inception5b_branch2b(Tensor inception5b_branch2a);

  @Block(value = BasicConv1x1.class, width = 48)
  Tensor inception5b_branch3a(Tensor inception5a);

  @Block(value = BasicConv3x3.class, width = 128)
  Tensor inception5b_branch3b(Tensor inception5b_branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor inception5b_branch4a(Tensor inception5a);

  @Block(value = BasicConv1x1.class, width = 128)
  Tensor inception5b_branch4b(Tensor inception5b_branch4a);

  @Concat
  Tensor inception5b(Tensor inception5b_branch1, Tensor inception5b_branch2b, Tensor inception5b_branch3b,
      Tensor inception5b_branch4b);

  @GlobalAvgPool
  Tensor avgpool(Tensor inception5b);

  @Dropout(rate = 0.2)
  Tensor dropout(Tensor avgpool);

  @Output
  @Dense(units = 1000)
  Tensor fc(Tensor dropout);
}
