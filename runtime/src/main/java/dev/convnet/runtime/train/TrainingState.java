package dev.convnet.runtime.train;

import java.util.List;

/**
 * Where a training run stands, beyond the network's parameters and the optimizer's state: what a checkpoint needs to
 * continue the run exactly as if it had not stopped.
 *
 * @param epoch               epochs completed
 * @param batch               mini-batches completed in epoch {@code epoch + 1} (0 at an epoch boundary)
 * @param epochLossSum        the sum of {@code loss × samples} over those mini-batches
 * @param epochCorrect        training samples predicted correctly in those mini-batches
 * @param seed                the seed of the data-order random stream
 * @param shuffles            times the data order has been shuffled from that seed (the random stream's position)
 * @param order               the data order of the epoch in progress (sample indices), or of the last epoch at a
 *                            boundary; empty if none
 * @param initialLearningRate the learning rate the schedule starts from (its position is {@code epoch})
 * @param schedule            the learning-rate schedule's description ({@code cosine:10:0.0}), or {@code ""} for
 *                            none
 * @param history             the completed epochs' results, in order
 */
public record TrainingState(int epoch, int batch, double epochLossSum, int epochCorrect, long seed, long shuffles,
                            int[] order, double initialLearningRate, String schedule, List<EpochResult> history) {
  /**
   * Checks the fields and copies the history.
   *
   * @param epoch the epoch, from 1
   * @param batch the number of samples in the batch
   * @param epochLossSum the loss sum of the epoch so far
   * @param epochCorrect correct predictions of the epoch so far
   * @param seed the seed
   * @param shuffles times the data order was shuffled
   * @param order the data order
   * @param initialLearningRate the learning rate the schedule starts from
   * @param schedule the description of the learning-rate schedule, or "" for none
   * @param history the epoch results
   * @throws IllegalArgumentException for negative counts, null fields, or a history whose length is not
   *                                  {@code epoch}
   */
  public TrainingState {
    if (epoch < 0 || batch < 0 || epochCorrect < 0 || shuffles < 0) {
      throw new IllegalArgumentException("training state: epoch " + epoch + ", batch " + batch + ", correct "
          + epochCorrect + " and shuffles " + shuffles + " must be >= 0");
    }
    if (order == null || schedule == null || history == null) {
      throw new IllegalArgumentException("training state: order, schedule and history must not be null");
    }
    if (history.size() != epoch) {
      throw new IllegalArgumentException("training state: " + history.size() + " epoch results for " + epoch
          + " completed epochs");
    }
    history = List.copyOf(history);
  }

  /**
   * The epoch with the highest test (validation) accuracy in {@code history}, the earliest on ties; 0 if no epoch
   * has one. What early stopping and best-model keeping go by.
   *
   * @param history epoch results in order
   * @return the best epoch's number, or 0
   */
  public static int bestEpoch(List<EpochResult> history) {
    int best = 0;
    double bestAccuracy = Double.NEGATIVE_INFINITY;
    for (EpochResult r : history) {
      if (r.testAccuracy() > bestAccuracy) {
        bestAccuracy = r.testAccuracy();
        best = r.epoch();
      }
    }
    return best;
  }

  /**
   * Whether the last completed epoch is the best so far ({@link #bestEpoch}): when a best-model keeper saves.
   *
   * @return true if {@code epoch > 0} and epoch {@code epoch} has the highest test accuracy so far
   */
  public boolean lastEpochIsBest() {
    return batch == 0 && epoch > 0 && bestEpoch(history) == epoch;
  }
}
