package dev.convnet.processor.diag;

/**
 * One finding about a declaration: its severity, its stable tag (e.g. {@code cnn:shape}), the full message text
 * (which starts with the tag in brackets), and where it belongs.
 */
public record Diagnostic(Severity severity, String tag, String message, Location location) {
  /** Error or warning; warnings do not stop generation. */
  public enum Severity { ERROR, WARNING }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
