package dev.convnet.examples.report;

/**
 * One epoch of training, for the report's curves and history table.
 *
 * @param epoch         the epoch number (1 for the first)
 * @param trainLoss     mean training loss over the epoch
 * @param trainAccuracy training accuracy in [0, 1]
 * @param testLoss      mean test loss after the epoch
 * @param testAccuracy  test accuracy in [0, 1]
 * @param seconds       how long the epoch took (its own duration, not a running total)
 */
public record EpochPoint(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                         double seconds) {
}
