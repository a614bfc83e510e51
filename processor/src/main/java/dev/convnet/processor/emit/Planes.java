package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;

/** The runtime's block-copy helpers that generated code calls for padding and cropping. */
public final class Planes {
  public static final ClassName CLASS = RuntimeNames.PLANES;

  private Planes() {}
}
