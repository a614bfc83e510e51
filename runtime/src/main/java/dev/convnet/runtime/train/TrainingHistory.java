package dev.convnet.runtime.train;

import java.util.List;

/** The results of a {@link Trainer#fit} call, one per epoch, in order. */
public record TrainingHistory(List<EpochResult> epochs) {
  /** Copies the list. */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /** The last epoch's result. */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epochs were run");
    }
    return epochs.get(epochs.size() - 1);
  }
}
