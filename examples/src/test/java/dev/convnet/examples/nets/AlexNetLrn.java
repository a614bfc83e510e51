package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.LocalResponseNorm;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** The oracle's alexnet_lrn: local response normalization and overlapping 3×3/stride-2 max pooling. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface AlexNetLrn {
  @Input(channels = 3, height = 23, width = 23)
  Tensor input();

  @Conv(filters = 8, kernel = 5, stride = 2, pad = 2, activation = RELU)
  Tensor conv1(Tensor input);

  @LocalResponseNorm(size = 5, alpha = 0.005, beta = 0.75, k = 2)
  Tensor lrn(Tensor conv1);

  @MaxPool(window = 3, stride = 2)
  Tensor pool1(Tensor lrn);

  @Conv(filters = 6, kernel = 3, pad = 1, activation = RELU)
  Tensor conv2(Tensor pool1);

  @MaxPool(window = 3, stride = 2)
  Tensor pool2(Tensor conv2);

  @Output
  @Dense(units = 5)
  Tensor fc(Tensor pool2);
}
