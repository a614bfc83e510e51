package dev.convnet.runtime.optim;

import java.util.Map;

/**
 * The bookkeeping shared by all optimizers: the learning rate, the step count, argument checks, lazy allocation of
 * state arrays, state export and import, and L2 weight decay. Subclasses implement {@link #allocate},
 * {@link #clear}, {@link #update}, {@link #stateArrays}, {@link #algorithm} and {@link #hyperParameters}.
 */
public abstract class AbstractOptimizer implements Optimizer {
  private final double weightDecay;
  private double learningRate;
  private long steps;
  private int size = -1;

  /**
   * @param learningRate the step size, >= 0
   * @param weightDecay  the L2 penalty coefficient, >= 0 (how it is applied is up to the subclass; see
   *                     {@link #gradient})
   */
  protected AbstractOptimizer(double learningRate, double weightDecay) {
    setLearningRate(learningRate);
    this.weightDecay = nonNegative("weight decay", weightDecay);
  }

  @Override
  public final void step(float[] params, float[] grads) {
    if (params == null || grads == null) {
      throw new IllegalArgumentException("parameters and gradients must not be null");
    }
    if (params.length != grads.length) {
      throw new IllegalArgumentException("parameter array has " + params.length + " values but gradient array has "
          + grads.length);
    }
    if (size != params.length) {
      if (steps > 0) {
        throw new IllegalArgumentException("this optimizer's state is for " + size + " parameters, got "
            + params.length + "; use one optimizer per parameter array (or reset() it)");
      }
      allocate(params.length);
      size = params.length;
    }
    steps++;
    update(params, grads, steps);
  }

  @Override
  public final void reset() {
    steps = 0;
    if (size >= 0) {
      clear();
    }
  }

  @Override
  public final double learningRate() {
    return learningRate;
  }

  @Override
  public final void setLearningRate(double learningRate) {
    this.learningRate = nonNegative("learning rate", learningRate);
  }

  @Override
  public final long steps() {
    return steps;
  }

  @Override
  public final OptimizerState exportState() {
    Map<String, float[]> slots = new java.util.LinkedHashMap<>();
    if (size >= 0) {
      stateArrays().forEach((name, values) -> slots.put(name, values.clone()));
    }
    return new OptimizerState(algorithm(), hyperParameters(), learningRate, steps, size, slots);
  }

  @Override
  public final void importState(OptimizerState state) {
    if (state == null) {
      throw new IllegalArgumentException("optimizer state must not be null");
    }
    if (!state.algorithm().equals(algorithm()) || !state.hyperParameters().equals(hyperParameters())) {
      throw new IllegalArgumentException("the optimizer state is of " + state.describe() + " but this optimizer is "
          + this + "; build the optimizer with the same algorithm and hyper-parameters");
    }
    nonNegative("learning rate", state.learningRate());
    if (state.size() < 0) {
      if (state.steps() != 0 || !state.slots().isEmpty()) {
        throw new IllegalArgumentException("optimizer state without a size has " + state.steps() + " steps and "
            + state.slots().size() + " state arrays");
      }
      learningRate = state.learningRate();
      reset();
      return;
    }
    allocate(state.size());
    Map<String, float[]> mine = stateArrays();
    if (!mine.keySet().equals(state.slots().keySet())) {
      size = -1;
      steps = 0;
      throw new IllegalArgumentException("the optimizer state holds arrays " + state.slots().keySet() + " but "
          + this + " keeps " + mine.keySet());
    }
    mine.forEach((name, values) -> System.arraycopy(state.slots().get(name), 0, values, 0, values.length));
    size = state.size();
    steps = state.steps();
    learningRate = state.learningRate();
  }

  /** {@code ALGORITHM(lr=..., HYPER-PARAMETERS)}, as PyTorch prints the optimizer's settings. */
  @Override
  public final String toString() {
    return algorithm() + "(lr=" + learningRate + ", " + hyperParameters() + ")";
  }

  /** The algorithm's name, as in {@link OptimizerState#algorithm()}. */
  protected abstract String algorithm();

  /** Every hyper-parameter but the learning rate, as {@code name=value} pairs separated by {@code ", "}. */
  protected abstract String hyperParameters();

  /**
   * The allocated state arrays themselves (not copies), by their PyTorch names, in a fixed order; only called after
   * {@link #allocate}.
   */
  protected abstract Map<String, float[]> stateArrays();

  /** The weight-decay coefficient given at construction. */
  public final double weightDecay() {
    return weightDecay;
  }

  /** Allocates the state arrays for {@code n} parameters, in their initial state. */
  protected abstract void allocate(int n);

  /** Puts the allocated state arrays back into their initial state. */
  protected abstract void clear();

  /**
   * Applies update number {@code step} (1 for the first after construction or reset).
   */
  protected abstract void update(float[] params, float[] grads, long step);

  /** {@code grads[i] + weightDecay × params[i]}: the gradient with L2 weight decay, in double. */
  protected final double gradient(float[] params, float[] grads, int i) {
    return weightDecay == 0 ? grads[i] : grads[i] + weightDecay * (double) params[i];
  }

  /** Checks that a hyper-parameter is finite and >= 0. */
  protected static double nonNegative(String what, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** Checks that a hyper-parameter lies in [0, 1). */
  protected static double fraction(String what, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
    }
    return value;
  }
}
