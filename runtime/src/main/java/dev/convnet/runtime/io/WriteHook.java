package dev.convnet.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/** Called as a model file is saved; tests use it to make a save fail midway. */
@FunctionalInterface
interface WriteHook {
  WriteHook NONE = written -> {};

  /** After each write, with the number of bytes written so far. */
  void written(long bytes) throws IOException;

  /** Once {@code temp} is complete and forced to disk, just before it is renamed over {@code target}. */
  default void renaming(Path temp, Path target) throws IOException {}
}
