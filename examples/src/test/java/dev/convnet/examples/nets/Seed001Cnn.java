package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** The oracle's seed001_cnn: conv-ReLU-maxpool twice, then two dense layers. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface Seed001Cnn {
  @Input(channels = 1, height = 28, width = 28)
  Tensor input();

  @Conv(filters = 4, kernel = 5, activation = RELU)
  Tensor conv1(Tensor input);

  @MaxPool(window = 2)
  Tensor pool1(Tensor conv1);

  @Conv(filters = 6, kernel = 5, activation = RELU)
  Tensor conv2(Tensor pool1);

  @MaxPool(window = 2)
  Tensor pool2(Tensor conv2);

  @Dense(units = 32, activation = RELU)
  Tensor fc1(Tensor pool2);

  @Output
  @Dense(units = 10)
  Tensor fc2(Tensor fc1);
}
