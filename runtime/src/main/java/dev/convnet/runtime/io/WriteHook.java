package dev.convnet.runtime.io;

import java.io.IOException;

/** Called as a model file is written, with the number of bytes written so far; tests use it to fail a save midway. */
@FunctionalInterface
interface WriteHook {
  WriteHook NONE = written -> {};

  void written(long bytes) throws IOException;
}
