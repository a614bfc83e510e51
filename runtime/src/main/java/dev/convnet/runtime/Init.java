package dev.convnet.runtime;

/** Weight initializations: uniform distributions whose bound depends on fan-in and fan-out. */
public enum Init {
  /** PyTorch's default for conv and linear layers: U(±1/sqrt(fanIn)). */
  PYTORCH_DEFAULT,
  /** LeCun uniform: U(±sqrt(3/fanIn)). */
  LECUN_UNIFORM,
  /** Glorot/Xavier uniform: U(±sqrt(6/(fanIn + fanOut))). */
  XAVIER_UNIFORM,
  /** He/Kaiming uniform for ReLU: U(±sqrt(6/fanIn)). */
  HE_UNIFORM;

  /**
   * Half-width of the uniform distribution.
   *
   * @param fanIn inputs of a unit
   * @param fanOut outputs a unit feeds
   * @return half-width of the uniform distribution
   */
  public double bound(int fanIn, int fanOut) {
    int in = Math.max(1, fanIn);
    int out = Math.max(1, fanOut);
    return switch (this) {
      case PYTORCH_DEFAULT -> 1.0 / Math.sqrt(in);
      case LECUN_UNIFORM -> Math.sqrt(3.0 / in);
      case XAVIER_UNIFORM -> Math.sqrt(6.0 / (in + out));
      case HE_UNIFORM -> Math.sqrt(6.0 / in);
    };
  }
}
