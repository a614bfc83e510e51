package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.LEAKY_RELU;
import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.SIGMOID;

import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;
import dev.convnet.annotations.TransposedConv;

/** The oracle's conv_zoo: stride, padding, dilation, overlapping pools, transposed convolution; MSE loss. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface ConvZoo {
  @Input(channels = 3, height = 17, width = 15)
  Tensor input();

  @Conv(filters = 5, kernel = 3, stride = 2, pad = 1, activation = RELU)
  Tensor a(Tensor input);

  @MaxPool(window = 3, stride = 1)
  Tensor pool1(Tensor a);

  @Conv(filters = 4, kernel = {3, 5}, pad = 2, dilation = 2, activation = LEAKY_RELU, slope = 0.01)
  Tensor b(Tensor pool1);

  @AvgPool(window = 2, stride = 1)
  Tensor pool2(Tensor b);

  @TransposedConv(filters = 3, kernel = 3, stride = 2, pad = 1, outputPad = 1, activation = SIGMOID)
  Tensor t(Tensor pool2);

  @Output
  @Dense(units = 3)
  Tensor fc(Tensor t);
}
