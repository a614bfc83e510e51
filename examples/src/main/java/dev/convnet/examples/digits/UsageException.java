package dev.convnet.examples.digits;

/** A mistake in the command line or the environment, reported as one line that says what to do. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
