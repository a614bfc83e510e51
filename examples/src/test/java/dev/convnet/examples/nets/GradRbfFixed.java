package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Rbf;
import dev.convnet.annotations.Tensor;

/** An RBF output with fixed ±1 prototypes after a dense layer. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradRbfFixed {
  @Input(channels = 1, height = 3, width = 2)
  Tensor input();

  @Dense(units = 5, activation = TANH)
  Tensor fc(Tensor input);

  @Output
  @Rbf(units = 3, prototypes = {"X.X.X", "..XX.", "XXX.."})
  Tensor rbf(Tensor fc);
}
