package com.example;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

@Network
public interface TinyNet {
  @Input(channels = 1, height = 8, width = 8)
  Tensor input();

  @Conv(filters = 4, kernel = 3, activation = RELU)
  Tensor conv(Tensor input);

  @MaxPool(window = 2)
  Tensor pool(Tensor conv);

  @Output @Dense(units = 3)
  Tensor out(Tensor pool);
}
