package dev.convnet.processor.diag;

/**
 * One finding about a declaration: which {@link Message} it is, its full text (which starts with the tag in
 * brackets), and where it belongs.
 */
public record Diagnostic(Message kind, String message, Location location) {
  public boolean isError() {
    return kind.severity() == Message.Severity.ERROR;
  }

  /** The stable tag, e.g. {@code cnn:shape}. */
  public String tag() {
    return kind.tag().text();
  }

  /** The same finding at another place. */
  public Diagnostic at(Location where) {
    return new Diagnostic(kind, message, where);
  }
}
