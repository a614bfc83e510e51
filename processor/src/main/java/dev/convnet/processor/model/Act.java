package dev.convnet.processor.model;

/** An activation function with its parameter (the leaky-ReLU slope). */
public record Act(Kind kind, double slope) {
  /** The activation functions, mirroring {@code dev.convnet.annotations.Activation}. */
  public enum Kind { IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, LECUN_TANH, SOFTMAX }

  public static final Act IDENTITY = new Act(Kind.IDENTITY, 0);

  public boolean identity() {
    return kind == Kind.IDENTITY;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case IDENTITY -> "identity";
      case RELU -> "ReLU";
      case LEAKY_RELU -> "leaky ReLU " + slope;
      case SIGMOID -> "sigmoid";
      case TANH -> "tanh";
      case LECUN_TANH -> "1.7159·tanh(2x/3)";
      case SOFTMAX -> "softmax";
    };
  }
}
