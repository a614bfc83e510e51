package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.LECUN_TANH;

import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Edge;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.L2Pool;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Overlapping, padded and ceil-mode pools of every kind. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradPool {
  @Input(channels = 3, height = 11, width = 10)
  Tensor input();

  @MaxPool(window = 3, stride = 2, pad = 1, edge = Edge.CEIL)
  Tensor max(Tensor input);

  @AvgPool(window = {2, 3}, stride = {1, 2}, pad = 1, edge = Edge.CEIL)
  Tensor avg(Tensor max);

  @L2Pool(window = 2, stride = 1)
  Tensor l2(Tensor avg);

  @Dense(units = 4, activation = LECUN_TANH)
  Tensor hidden(Tensor l2);

  @Output
  @Dense(units = 2)
  Tensor out(Tensor hidden);
}
