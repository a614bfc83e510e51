package dev.convnet.runtime.train;

/**
 * Training produced a non-finite loss or gradient. The message names the epoch and batch and, where it can be
 * found, the first layer with a non-finite output or the parameter with a non-finite gradient.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The epoch, from 1. */
  private final int epoch;
  /** The batch, from 1 within the epoch. */
  private final int batch;
  /** The layer at fault, or null. */
  private final String layer;
  /** The parameter tensor at fault, or null. */
  private final String parameter;

  /**
   * @param epoch     from 1
   * @param batch     from 1 within the epoch
   * @param layer     the layer at fault, or {@code null} if unknown
   * @param parameter the parameter tensor at fault, or {@code null}
   * @param message the message
   */
  public TrainingDivergedException(String message, int epoch, int batch, String layer, String parameter) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
    this.layer = layer;
    this.parameter = parameter;
  }

  /**
   * The epoch it happened in, from 1.
   *
   * @return the epoch it happened in, from 1
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The mini-batch it happened in, from 1 within the epoch.
   *
   * @return the mini-batch it happened in, from 1 within the epoch
   */
  public int batch() {
    return batch;
  }

  /**
   * The layer at fault, or {@code null}.
   *
   * @return the layer at fault, or {@code null}
   */
  public String layer() {
    return layer;
  }

  /**
   * The parameter tensor with a non-finite gradient, or {@code null}.
   *
   * @return the parameter tensor with a non-finite gradient, or {@code null}
   */
  public String parameter() {
    return parameter;
  }
}
