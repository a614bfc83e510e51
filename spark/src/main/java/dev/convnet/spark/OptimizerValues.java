package dev.convnet.spark;

import dev.convnet.runtime.optim.OptimizerState;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link OptimizerState} that travels with Spark tasks (the runtime's record depends on the JDK only). */
record OptimizerValues(String algorithm, String hyperParameters, double learningRate, long steps, int size,
                       LinkedHashMap<String, float[]> slots) implements Serializable {
  static OptimizerValues of(OptimizerState s) {
    return new OptimizerValues(s.algorithm(), s.hyperParameters(), s.learningRate(), s.steps(), s.size(),
        new LinkedHashMap<>(s.slots()));
  }

  OptimizerState state() {
    return new OptimizerState(algorithm, hyperParameters, learningRate, steps, size, slots);
  }

  /** The same state with other arrays, step count and learning rate. */
  OptimizerValues with(Map<String, float[]> newSlots, long newSteps, double newLearningRate, int newSize) {
    return new OptimizerValues(algorithm, hyperParameters, newLearningRate, newSteps, newSize,
        new LinkedHashMap<>(newSlots));
  }
}
