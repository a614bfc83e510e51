package dev.convnet.runtime.optim;

import java.util.List;
import java.util.Locale;

/** Optimizers by name, for command lines. */
public final class Optimizers {
  private Optimizers() {}

  private static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
      "adamw");

  /**
   * The names {@link #create} accepts.
   *
   * @return the names {@link #create} accepts
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * A new optimizer with PyTorch's defaults for everything but the learning rate: {@code sgd}, {@code momentum}
   * (SGD, momentum 0.9), {@code nesterov} (SGD, Nesterov momentum 0.9), {@code adagrad}, {@code rmsprop},
   * {@code adam}, {@code adamw} (weight decay 0.01).
   *
   * @param name the name
   * @param learningRate the learning rate, >= 0
   * @return a new optimizer with PyTorch's defaults for everything but the learning rate: {@code sgd}, {@code momentum} (SGD, momentum 0.9), {@code nesterov} (SGD, Nesterov momentum 0.9), {@code adagrad}, {@code rmsprop}, {@code adam}, {@code adamw} (weight decay 0.01)
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad learning rate
   */
  public static Optimizer create(String name, double learningRate) {
    return switch (key(name)) {
      case "adamw" -> new AdamW(learningRate);
      default -> create(name, learningRate, 0);
    };
  }

  /**
   * As {@link #create(String, double)} with an explicit weight decay (L2, or decoupled for {@code adamw}).
   *
   * @param name the name
   * @param learningRate the learning rate, >= 0
   * @param weightDecay the weight-decay coefficient, >= 0
   * @return as {@link #create(String, double)} with an explicit weight decay (L2, or decoupled for {@code adamw})
   */
  public static Optimizer create(String name, double learningRate, double weightDecay) {
    return switch (key(name)) {
      case "sgd" -> new Sgd(learningRate, 0, 0, false, weightDecay);
      case "momentum" -> new Sgd(learningRate, 0.9, 0, false, weightDecay);
      case "nesterov" -> new Sgd(learningRate, 0.9, 0, true, weightDecay);
      case "adagrad" -> new Adagrad(learningRate, 0, weightDecay, 0, 1e-10);
      case "rmsprop" -> new RmsProp(learningRate, 0.99, 1e-8, weightDecay, 0, false);
      case "adam" -> new Adam(learningRate, 0.9, 0.999, 1e-8, weightDecay, false);
      case "adamw" -> new AdamW(learningRate, 0.9, 0.999, 1e-8, weightDecay, false);
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known optimizers: "
          + String.join(", ", NAMES));
    };
  }

  /**
   * PyTorch's default learning rate for the named optimizer (0.01 for Adagrad and RMSprop, else 0.001).
   *
   * @param name the name
   * @return PyTorch's default learning rate for the named optimizer (0.01 for Adagrad and RMSprop, else 0.001)
   */
  public static double defaultLearningRate(String name) {
    return switch (key(name)) {
      case "adagrad", "rmsprop" -> 0.01;
      case "sgd", "momentum", "nesterov", "adam", "adamw" -> 0.001;
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known optimizers: "
          + String.join(", ", NAMES));
    };
  }

  private static String key(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }
}
