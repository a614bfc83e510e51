package dev.convnet.onnx.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an ONNX model file, telling a missing, empty, truncated or non-ONNX file apart with a clear message. */
public final class OnnxFile {
  private OnnxFile() {}

  /** The model in {@code file}, checked to be an ONNX model with a graph and the default operator domain. */
  public static ModelProto read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new OnnxImportException("no such ONNX file: " + file);
    }
    if (bytes.length == 0) {
      throw new OnnxImportException(file + " is empty, not an ONNX model");
    }
    ModelProto model;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(Integer.MAX_VALUE);
      model = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxImportException(file + " is not an ONNX model or is truncated (" + bytes.length
          + " bytes; protobuf: " + e.getMessage() + ")");
    }
    if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0
        || !model.getUnknownFields().asMap().isEmpty()) {
      throw new OnnxImportException(file + " is not an ONNX model: " + (model.getIrVersion() <= 0
          ? "no IR version" : !model.hasGraph() || model.getGraph().getNodeCount() == 0 ? "no graph nodes"
          : "fields no ONNX model has") + " (" + bytes.length + " bytes)");
    }
    long opset = -1;
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        opset = o.getVersion();
      }
    }
    if (opset < 0) {
      throw new OnnxImportException(file + " imports no version of the default ONNX operator set");
    }
    return model;
  }

  /** The model's default-domain operator set version. */
  public static long opset(ModelProto model) {
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        return o.getVersion();
      }
    }
    return -1;
  }
}
