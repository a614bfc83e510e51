package dev.convnet.onnx.weights;

import java.io.IOException;

/** A weights file that cannot be read, or does not fit the network it is loaded into; the message says why. */
public final class WeightsException extends IOException {
  private static final long serialVersionUID = 1L;

  public WeightsException(String message) {
    super(message);
  }
}
