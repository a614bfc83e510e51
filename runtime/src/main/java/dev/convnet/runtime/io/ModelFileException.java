package dev.convnet.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be loaded: its message names the file and the problem. */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * An error about {@code file}, described by {@code problem}.
   *
   * @param file the file
   * @param problem what is wrong
   */
  public ModelFileException(Path file, String problem) {
    super(file + ": " + problem);
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
