package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.LocalResponseNorm;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * AlexNet as the seed specifies it (Krizhevsky, Sutskever and Hinton 2012, "ImageNet Classification with Deep
 * Convolutional Neural Networks"), in one tower: filters 96-256-384-384-256, an 11×11/4 first convolution, local
 * response normalization (size 5, alpha 1e-4, beta 0.75, k 2) after the first two convolutions, overlapping 3×3/2
 * max pools, and dense layers 4096-4096-1000 with dropout 0.5 after the first two. At 3×227×227 (the input size at
 * which the 11×11/4 windows tile exactly; the paper's 224 drops a row) it has 62,378,344 parameters, the count usually
 * quoted for the one-tower network. {@link AlexNetTwoTowers} is the paper's two-GPU version.
 */
@Network
public interface AlexNet {
  @Input(channels = 3, height = 227, width = 227)
  Tensor image();

  @Conv(filters = 96, kernel = 11, stride = 4, activation = RELU)
  Tensor conv1(Tensor image);

  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2)
  Tensor norm1(Tensor conv1);

  @MaxPool(window = 3, stride = 2)
  Tensor pool1(Tensor norm1);

  @Conv(filters = 256, kernel = 5, pad = 2, activation = RELU)
  Tensor conv2(Tensor pool1);

  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2)
  Tensor norm2(Tensor conv2);

  @MaxPool(window = 3, stride = 2)
  Tensor pool2(Tensor norm2);

  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU)
  Tensor conv3(Tensor pool2);

  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU)
  Tensor conv4(Tensor conv3);

  @Conv(filters = 256, kernel = 3, pad = 1, activation = RELU)
  Tensor conv5(Tensor conv4);

  @MaxPool(window = 3, stride = 2)
  Tensor pool5(Tensor conv5);

  @Dense(units = 4096, activation = RELU)
  Tensor fc6(Tensor pool5);

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
