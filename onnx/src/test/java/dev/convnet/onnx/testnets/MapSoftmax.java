package dev.convnet.onnx.testnets;

import static dev.convnet.annotations.Activation.SOFTMAX;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/** A map output (2×4×4) with a softmax over the whole sample. */
@Network
public interface MapSoftmax {
  @Input(channels = 1, height = 6, width = 6)
  Tensor input();

  @Output
  @Conv(filters = 2, kernel = 3, activation = SOFTMAX)
  Tensor out(Tensor input);
}
