package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Grouped convolutions (2 and 3 groups) with stride and padding, then global average pooling. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradGroups {
  @Input(channels = 4, height = 9, width = 7)
  Tensor input();

  @Conv(filters = 6, groups = 2, kernel = {3, 2}, stride = {2, 1}, pad = 1, activation = TANH)
  Tensor g2(Tensor input);

  @Conv(filters = 3, groups = 3, kernel = 2, stride = 2, pad = {1, 0}, dilation = {1, 2}, activation = SIGMOID)
  Tensor g3(Tensor g2);

  @GlobalAvgPool
  Tensor gap(Tensor g3);

  @Output
  @Dense(units = 2)
  Tensor out(Tensor gap);
}
