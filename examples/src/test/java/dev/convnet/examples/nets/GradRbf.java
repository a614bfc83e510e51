package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Rbf;
import dev.convnet.annotations.Tensor;

/** An RBF output with trainable prototypes, reading a feature map (flattened). */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradRbf {
  @Input(channels = 1, height = 5, width = 4)
  Tensor input();

  @Conv(filters = 2, kernel = {2, 3}, activation = TANH)
  Tensor conv(Tensor input);

  @Output
  @Rbf(units = 3)
  Tensor rbf(Tensor conv);
}
