package dev.convnet.runtime.train;

/**
 * One epoch of training.
 *
 * @param epoch         the epoch number, from 1
 * @param trainLoss     mean training loss over the epoch's mini-batches (weighted by batch size)
 * @param trainAccuracy fraction of training samples whose arg-max output was their label, in [0, 1], measured
 *                      while training (before each batch's update)
 * @param testLoss      mean loss on the test set after the epoch, NaN without a test set
 * @param testAccuracy  test accuracy in [0, 1], NaN without a test set
 * @param seconds       the epoch's duration, training and evaluation
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                          double seconds) {
}
