package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Dropout on a feature map and on a vector. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradDropout {
  @Input(channels = 2, height = 7, width = 6)
  Tensor input();

  @Conv(filters = 3, kernel = {3, 2}, activation = TANH)
  Tensor conv(Tensor input);

  @Dropout(rate = 0.3, seed = 7)
  Tensor drop(Tensor conv);

  @Dense(units = 6, activation = TANH)
  Tensor fc(Tensor drop);

  @Dropout(rate = 0.5, seed = 11)
  Tensor drop2(Tensor fc);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor drop2);
}
