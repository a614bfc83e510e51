package dev.convnet.runtime.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an optimizer's full state, as PyTorch's {@code optimizer.state_dict()}: what it is (algorithm and
 * hyper-parameters), its learning rate, its step count and its per-parameter state arrays (momentum buffers,
 * moment estimates, accumulators) under PyTorch's names ({@code momentum_buffer}, {@code exp_avg},
 * {@code exp_avg_sq}, {@code max_exp_avg_sq}, {@code square_avg}, {@code grad_avg}, {@code sum}).
 *
 * <p>{@link Optimizer#exportState()} makes one (copies of the arrays) and {@link Optimizer#importState} puts it back
 * into an optimizer built with the same algorithm and hyper-parameters, which then continues bit for bit as the
 * exported one would have.
 *
 * @param algorithm       the algorithm, as its {@code toString} starts: {@code SGD}, {@code Adam}, {@code AdamW},
 *                        {@code RMSprop}, {@code Adagrad}
 * @param hyperParameters every hyper-parameter but the learning rate, as its {@code toString} lists them
 * @param learningRate    the learning rate the next step uses
 * @param steps           steps taken
 * @param size            the length of the parameter array the state is for; -1 before the first step
 * @param slots           the state arrays by name, in a fixed order, each {@code size} long (empty before the first
 *                        step, and for plain SGD)
 */
public record OptimizerState(String algorithm, String hyperParameters, double learningRate, long steps, int size,
                             Map<String, float[]> slots) {
  /**
   * Checks the fields and copies the map (keeping its order; the arrays themselves are not copied).
   *
   * @throws IllegalArgumentException for a null or inconsistent field: negative steps, a size below -1, slots
   *                                  without a size, or a slot of the wrong length
   */
  public OptimizerState {
    if (algorithm == null || hyperParameters == null || slots == null) {
      throw new IllegalArgumentException("optimizer state: algorithm, hyper-parameters and slots must not be null");
    }
    if (steps < 0 || size < -1) {
      throw new IllegalArgumentException("optimizer state: steps (" + steps + ") must be >= 0 and size (" + size
          + ") >= -1");
    }
    Map<String, float[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : slots.entrySet()) {
      float[] values = e.getValue();
      if (e.getKey() == null || values == null) {
        throw new IllegalArgumentException("optimizer state: null slot name or values");
      }
      if (values.length != size) {
        throw new IllegalArgumentException("optimizer state: slot '" + e.getKey() + "' has " + values.length
            + " values for " + size + " parameters");
      }
      copy.put(e.getKey(), values);
    }
    slots = Collections.unmodifiableMap(copy);
  }

  /** The optimizer's description, as its {@code toString}: {@code Adam(lr=0.001, betas=...)}. */
  public String describe() {
    return algorithm + "(lr=" + learningRate + ", " + hyperParameters + ")";
  }
}
