package dev.convnet.onnx.cli;

/** A mistake on the command line, reported as one line that says what to do. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
