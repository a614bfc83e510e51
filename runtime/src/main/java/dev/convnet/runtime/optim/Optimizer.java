package dev.convnet.runtime.optim;

/**
 * Updates a flat parameter array from its gradient, with PyTorch's ({@code torch.optim}) update rules.
 *
 * <p>State (momentum, running averages) is allocated on the first {@link #step} to the length of the parameter
 * array and reused afterwards, so steps allocate nothing. An optimizer belongs to one parameter array.
 */
public interface Optimizer {
  /**
   * Applies one update: {@code params} changes in place from {@code grads} (same length; the gradients are not
   * modified).
   *
   * @throws IllegalArgumentException if the lengths differ, or differ from the array the state was built for
   */
  void step(float[] params, float[] grads);

  /** Forgets all state (as a freshly built optimizer), keeping the learning rate and the allocated arrays. */
  void reset();

  /** The learning rate the next {@link #step} uses. */
  double learningRate();

  /**
   * Sets the learning rate (a schedule calls this once per epoch).
   *
   * @throws IllegalArgumentException if it is negative or not finite
   */
  void setLearningRate(double learningRate);

  /** Number of steps since construction or {@link #reset()}. */
  long steps();

  /**
   * A snapshot of the full state (copies): algorithm, hyper-parameters, learning rate, step count and every
   * per-parameter state array. Saved in checkpoints; see {@link #importState}.
   */
  OptimizerState exportState();

  /**
   * Replaces this optimizer's state (learning rate, step count, state arrays) by a copy of an exported one, so that
   * it continues exactly as the exporting optimizer would have.
   *
   * @throws IllegalArgumentException if the state is of another algorithm or other hyper-parameters (naming both),
   *                                  or its arrays do not match the algorithm's
   */
  void importState(OptimizerState state);
}
