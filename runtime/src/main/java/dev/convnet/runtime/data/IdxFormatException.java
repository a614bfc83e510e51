package dev.convnet.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that cannot be read: its message names the file and what is wrong with it. */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * An error about {@code file}, described by {@code problem}.
   *
   * @param file the file
   * @param problem what is wrong
   */
  public IdxFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /**
   * An error about {@code file} caused by a lower-level failure.
   *
   * @param file the file
   * @param problem what is wrong
   * @param cause the cause
   */
  public IdxFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /**
   * The file at fault.
   *
   * @return the file at fault
   */
  public Path file() {
    return file;
  }
}
