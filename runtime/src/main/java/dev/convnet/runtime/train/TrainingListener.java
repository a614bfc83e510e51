package dev.convnet.runtime.train;

/**
 * Hears about training progress. Epochs count from 1. All methods do nothing by default; {@code onBatch} is called
 * after every mini-batch and should be cheap (a listener that prints throttles itself, as {@link ProgressBar} does).
 */
public interface TrainingListener {
  /**
   * An epoch of {@code samples} training samples begins.
   *
   * @param epoch the epoch, from 1
   * @param epochs the number of epochs
   * @param samples the number of samples
   */
  default void onEpochStart(int epoch, int epochs, int samples) {}

  /**
   * A mini-batch is done.
   *
   * @param samplesDone  training samples processed so far in this epoch
   * @param samplesTotal training samples in the epoch
   * @param runningLoss  mean training loss over the samples done so far
   * @param elapsedNanos time since the epoch started
   * @param epoch the epoch, from 1
   */
  default void onBatch(int epoch, int samplesDone, int samplesTotal, double runningLoss, long elapsedNanos) {}

  /**
   * An epoch is done, including its evaluation on the test set.
   *
   * @param result the epoch's result
   */
  default void onEpochEnd(EpochResult result) {}

  /**
   * Training reached a point it can be resumed from: after every epoch (after {@link #onEpochEnd}), and between two
   * mini-batches when {@link Trainer#requestStop()} stopped it. The network's parameters and buffers and the
   * optimizer's state are those of this point until this method returns: a checkpoint writer saves them with the
   * state here ({@code dev.convnet.runtime.io.CheckpointWriter}); a best-model keeper saves the model when
   * {@link TrainingState#lastEpochIsBest()}.
   *
   * @param state where training stands
   */
  default void onCheckpoint(TrainingState state) {}

  /**
   * A listener that forwards every call to each of {@code listeners}, in order.
   *
   * @param listeners the listeners
   * @return a listener that forwards every call to each of {@code listeners}, in order
   */
  static TrainingListener all(TrainingListener... listeners) {
    TrainingListener[] copy = listeners.clone();
    return new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int samples) {
        for (TrainingListener l : copy) {
          l.onEpochStart(epoch, epochs, samples);
        }
      }

      @Override
      public void onBatch(int epoch, int samplesDone, int samplesTotal, double runningLoss, long elapsedNanos) {
        for (TrainingListener l : copy) {
          l.onBatch(epoch, samplesDone, samplesTotal, runningLoss, elapsedNanos);
        }
      }

      @Override
      public void onEpochEnd(EpochResult result) {
        for (TrainingListener l : copy) {
          l.onEpochEnd(result);
        }
      }

      @Override
      public void onCheckpoint(TrainingState state) {
        for (TrainingListener l : copy) {
          l.onCheckpoint(state);
        }
      }
    };
  }
}
