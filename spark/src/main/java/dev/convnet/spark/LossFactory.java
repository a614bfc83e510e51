package dev.convnet.spark;

import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import java.io.Serializable;

/** Makes the loss on each executor (a loss keeps per-thread scratch state, so every task thread gets its own). */
@FunctionalInterface
public interface LossFactory extends Serializable {
  Loss create();

  /** The loss {@link Losses#byName} knows by this name. */
  static LossFactory named(String name) {
    Losses.byName(name); // fails early for an unknown name
    return () -> Losses.byName(name);
  }
}
