package dev.convnet.runtime.optim;

/**
 * The learning rate as a function of the epoch, with PyTorch's closed forms ({@code torch.optim.lr_scheduler}).
 * Epochs count from 0: epoch 0 (the first) uses the initial rate. A trainer calls
 * {@link #apply(Optimizer, double, int)} before each epoch; any {@link Optimizer} can be scheduled.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /**
   * The learning rate for an epoch.
   *
   * @param initial the rate the optimizer started with
   * @param epoch   completed epochs, from 0
   * @return the learning rate for an epoch
   */
  double learningRate(double initial, int epoch);

  /**
   * Sets the optimizer's learning rate for this epoch.
   *
   * @param optimizer the optimizer
   * @param initial the initial value
   * @param epoch the epoch, from 1
   */
  default void apply(Optimizer optimizer, double initial, int epoch) {
    optimizer.setLearningRate(learningRate(initial, epoch));
  }

  /**
   * The initial rate throughout.
   *
   * @return the initial rate throughout
   */
  static LearningRateSchedule constant() {
    return new Schedules.Constant();
  }

  /**
   * {@code StepLR}: {@code initial · gamma^floor(epoch / stepSize)}.
   *
   * @param stepSize epochs between decays, >= 1
   * @param gamma the factor, > 0
   * @return {@code StepLR}: {@code initial · gamma^floor(epoch / stepSize)}
   */
  static LearningRateSchedule step(int stepSize, double gamma) {
    return new Schedules.Step(stepSize, gamma);
  }

  /**
   * {@code ExponentialLR}: {@code initial · gamma^epoch}.
   *
   * @param gamma the factor, > 0
   * @return {@code ExponentialLR}: {@code initial · gamma^epoch}
   */
  static LearningRateSchedule exponential(double gamma) {
    return new Schedules.Exponential(gamma);
  }

  /**
   * {@code CosineAnnealingLR}: {@code etaMin + (initial - etaMin)·(1 + cos(π·epoch / tMax)) / 2} (periodic past
   * {@code tMax}, as PyTorch's closed form).
   *
   * @param tMax the half period in epochs, >= 1
   * @param etaMin the smallest learning rate, >= 0
   * @return {@code CosineAnnealingLR}: {@code etaMin + (initial - etaMin)·(1 + cos(π·epoch / tMax)) / 2} (periodic past {@code tMax}, as PyTorch's closed form)
   */
  static LearningRateSchedule cosine(int tMax, double etaMin) {
    return new Schedules.Cosine(tMax, etaMin);
  }

  /**
   * Parses a command-line description: {@code constant}, {@code step:N:GAMMA}, {@code exponential:GAMMA},
   * {@code cosine:T} or {@code cosine:T:ETA_MIN}.
   *
   * @param spec the description
   * @return the schedule described by {@code constant}, {@code step:N:GAMMA}, {@code exponential:GAMMA}, {@code cosine:T} or {@code cosine:T:ETA_MIN}
   * @throws IllegalArgumentException for anything else, saying what is accepted
   */
  static LearningRateSchedule parse(String spec) {
    return Schedules.parse(spec);
  }
}
