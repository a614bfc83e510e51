package dev.convnet.onnx.cli;

/** A mistake on the command line, reported as one line that says what to do. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
