package dev.convnet.spark;

/** An input row that cannot be fed to the network; the message names the row, the column and the problem. */
public final class BadRowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadRowException(String message) {
    super(message);
  }
}
