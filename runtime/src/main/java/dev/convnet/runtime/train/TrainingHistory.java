package dev.convnet.runtime.train;

import java.util.List;

/**
 * The results of a {@link Trainer#fit} call, one per epoch, in order, and why training ended.
 *
 * @param epochs the epoch results (those before a resumption included)
 * @param status why training ended
 */
public record TrainingHistory(List<EpochResult> epochs, Status status) {
  /** Why training ended. */
  public enum Status {
    /** Every configured epoch ran. */
    COMPLETED,
    /** Early stopping ended it: the test accuracy stopped improving. */
    EARLY_STOPPED,
    /** {@link Trainer#requestStop()} ended it; the listener received a checkpoint state. */
    STOPPED
  }

  /**
   * Copies the list.
   *
   * @param epochs the number of epochs
   * @param status why training ended
   * @throws IllegalArgumentException if the status is null
   */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
    if (status == null) {
      throw new IllegalArgumentException("status must not be null");
    }
  }

  /**
   * A history of a run that completed every epoch.
   *
   * @param epochs the epoch results
   */
  public TrainingHistory(List<EpochResult> epochs) {
    this(epochs, Status.COMPLETED);
  }

  /**
   * The last epoch's result.
   *
   * @return the last result
   * @throws IllegalStateException if no epoch was run
   */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epochs were run");
    }
    return epochs.get(epochs.size() - 1);
  }

  /**
   * The epoch with the highest test accuracy ({@link TrainingState#bestEpoch}).
   *
   * @return its number, or 0 if no epoch has a test accuracy
   */
  public int bestEpoch() {
    return TrainingState.bestEpoch(epochs);
  }
}
