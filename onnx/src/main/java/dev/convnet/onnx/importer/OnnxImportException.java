package dev.convnet.onnx.importer;

import java.io.IOException;

/** An ONNX file that cannot become a declaration: not ONNX, truncated, dynamic, or using what has no layer here. */
public final class OnnxImportException extends IOException {
  private static final long serialVersionUID = 1L;

  public OnnxImportException(String message) {
    super(message);
  }
}
