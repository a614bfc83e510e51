package dev.convnet.examples.nets;

import dev.convnet.annotations.Dropout;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** Dropout alone, so that its mask and its backward pass can be read off the network's output and input gradient. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface DropoutOnly {
  @Input(channels = 3, height = 8, width = 7)
  Tensor input();

  @Output
  @Dropout(rate = 0.25, seed = 3)
  Tensor drop(Tensor input);
}
