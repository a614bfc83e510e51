package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * AlexNet as torchvision builds it ({@code torchvision.models.alexnet}, after Krizhevsky 2014, "One weird trick for
 * parallelizing convolutional neural networks"): filters 64-192-384-256-256, a padded 11×11/4 first convolution, no
 * local response normalization, and dropout 0.5 before each of the first two dense layers: 61,100,840 parameters at
 * 3×224×224, 1,000 classes. torchvision's {@code AdaptiveAvgPool2d(6)} is left out: the last pool already gives
 * 256×6×6 at 224, where it is the identity.
 */
@Network
public interface AlexNetTorchvision {
  @Input(channels = 3, height = 224, width = 224)
  Tensor image();

  @Conv(filters = 64, kernel = 11, stride = 4, pad = 2, activation = RELU)
  Tensor conv1(Tensor image);

  @MaxPool(window = 3, stride = 2)
  Tensor pool1(Tensor conv1);

  @Conv(filters = 192, kernel = 5, pad = 2, activation = RELU)
  Tensor conv2(Tensor pool1);

  @MaxPool(window = 3, stride = 2)
  Tensor pool2(Tensor conv2);

  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU)
  Tensor conv3(Tensor pool2);

  @Conv(filters = 256, kernel = 3, pad = 1, activation = RELU)
  Tensor conv4(Tensor conv3);

  @Conv(filters = 256, kernel = 3, pad = 1, activation = RELU)
  Tensor conv5(Tensor conv4);

  @MaxPool(window = 3, stride = 2)
  Tensor pool5(Tensor conv5);

  @Dropout(rate = 0.5)
  Tensor drop6(Tensor pool5);

  @Dense(units = 4096, activation = RELU)
  Tensor fc6(Tensor drop6);

  @Dropout(rate = 0.5, seed = 2)
  Tensor drop7(Tensor fc6);

  @Dense(units = 4096, activation = RELU)
  Tensor fc7(Tensor drop7);

  @Output
  @Dense(units = 1000)
  Tensor fc8(Tensor fc7);
}
