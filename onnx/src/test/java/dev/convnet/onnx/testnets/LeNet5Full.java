package dev.convnet.onnx.testnets;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Subsampling;
import dev.convnet.annotations.Tensor;

/** LeNet-5 with a fully connected C3 (every S2 map feeds every C3 map) instead of the paper's table. */
@Network
public interface LeNet5Full {
  @Input(channels = 1, height = 32, width = 32)
  Tensor input();

  @Conv(filters = 6, kernel = 5, activation = TANH)
  Tensor c1(Tensor input);

  @Subsampling(window = 2, activation = TANH)
  Tensor s2(Tensor c1);

  @Conv(filters = 16, kernel = 5, activation = TANH)
  Tensor c3(Tensor s2);

  @Subsampling(window = 2, activation = TANH)
  Tensor s4(Tensor c3);

  @Conv(filters = 120, kernel = 5, activation = TANH)
  Tensor c5(Tensor s4);

  @Dense(units = 84, activation = TANH)
  Tensor f6(Tensor c5);

  @Output
  @Dense(units = 10)
  Tensor out(Tensor f6);
}
