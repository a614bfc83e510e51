package dev.convnet.spark;

import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.Optimizers;
import java.io.Serializable;

/**
 * Makes an optimizer: on the driver for synchronous training, and on each task for parameter averaging (where
 * every partition steps its own copy, starting from the averaged state).
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
  Optimizer create();

  /** {@link Optimizers#create(String, double)}: PyTorch's defaults but the learning rate. */
  static OptimizerFactory named(String name, double learningRate) {
    Optimizers.create(name, learningRate); // fails early for an unknown name or a bad rate
    return () -> Optimizers.create(name, learningRate);
  }
}
