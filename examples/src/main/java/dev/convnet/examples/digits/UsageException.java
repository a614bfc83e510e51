package dev.convnet.examples.digits;

/** A mistake in the command line or the environment, reported as one line that says what to do. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
