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
 * AlexNet's original two-tower form (Krizhevsky, Sutskever and Hinton 2012, figure 2): the network of
 * {@link AlexNet}, but conv2, conv4 and conv5 split into two groups (each GPU's half of the maps reads only its own
 * half of the previous layer's maps), while conv3 and the dense layers connect across the towers. At 3×227×227 it
 * has 60,965,224 parameters (the paper rounds to "60 million").
 */
@Network
public interface AlexNetTwoTowers {
  @Input(channels = 3, height = 227, width = 227)
  Tensor image();

  @Conv(filters = 96, kernel = 11, stride = 4, activation = RELU)
  Tensor conv1(Tensor image);

  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2)
  Tensor norm1(Tensor conv1);

  @MaxPool(window = 3, stride = 2)
  Tensor pool1(Tensor norm1);

  @Conv(filters = 256, kernel = 5, pad = 2, groups = 2, activation = RELU)
  Tensor conv2(Tensor pool1);

  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2)
  Tensor norm2(Tensor conv2);

  @MaxPool(window = 3, stride = 2)
  Tensor pool2(Tensor norm2);

  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU)
  Tensor conv3(Tensor pool2);

  @Conv(filters = 384, kernel = 3, pad = 1, groups = 2, activation = RELU)
  Tensor conv4(Tensor conv3);

  @Conv(filters = 256, kernel = 3, pad = 1, groups = 2, activation = RELU)
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
