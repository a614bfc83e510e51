package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;

/** The runtime's block-copy helpers that generated code calls for padding and cropping. */
final class Planes {
  static final ClassName CLASS = ClassName.get("dev.convnet.runtime", "Planes");

  private Planes() {}
}
