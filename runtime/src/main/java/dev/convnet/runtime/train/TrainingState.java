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
}
