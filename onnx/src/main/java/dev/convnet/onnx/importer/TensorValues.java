package dev.convnet.onnx.importer;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A constant tensor of the graph (initializer or Constant node), as float or int64 values.
 *
 * @param name   its tensor name
 * @param dims   its shape
 * @param floats its values as floats (int64 values converted), or {@code null} for another element type
 * @param longs  its values as int64 (for shapes, axes, pads), or {@code null} unless the type is int64 or int32
 */
record TensorValues(String name, int[] dims, float[] floats, long[] longs) {

  static TensorValues of(TensorProto t) throws OnnxImportException {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw new OnnxImportException("tensor '" + t.getName() + "' is stored in an external file; save the model with"
          + " its weights inside (onnx.save(model, path, save_as_external_data=False))");
    }
    int[] dims = new int[t.getDimsCount()];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(t.getDims(i));
      count *= dims[i];
    }
    int n = Math.toIntExact(count);
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean hasRaw = t.getRawData().size() > 0;
    TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
    if (type == null) {
      throw new OnnxImportException("tensor '" + t.getName() + "' has unknown element type " + t.getDataType());
    }
    switch (type) {
      case FLOAT -> {
        float[] f = new float[n];
        if (hasRaw) {
          need(t, raw, n * 4L);
          raw.asFloatBuffer().get(f);
        } else {
          need(t, t.getFloatDataCount(), n);
          for (int i = 0; i < n; i++) {
            f[i] = t.getFloatData(i);
          }
        }
        return new TensorValues(t.getName(), dims, f, null);
      }
      case DOUBLE -> {
        float[] f = new float[n];
        if (hasRaw) {
          need(t, raw, n * 8L);
          for (int i = 0; i < n; i++) {
            f[i] = (float) raw.getDouble(i * 8);
          }
        } else {
          need(t, t.getDoubleDataCount(), n);
          for (int i = 0; i < n; i++) {
            f[i] = (float) t.getDoubleData(i);
          }
        }
        return new TensorValues(t.getName(), dims, f, null);
      }
      case INT64, INT32 -> {
        long[] l = new long[n];
        boolean wide = type == TensorProto.DataType.INT64;
        if (hasRaw) {
          need(t, raw, n * (wide ? 8L : 4L));
          for (int i = 0; i < n; i++) {
            l[i] = wide ? raw.getLong(i * 8) : raw.getInt(i * 4);
          }
        } else {
          need(t, wide ? t.getInt64DataCount() : t.getInt32DataCount(), n);
          for (int i = 0; i < n; i++) {
            l[i] = wide ? t.getInt64Data(i) : t.getInt32Data(i);
          }
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = l[i];
        }
        return new TensorValues(t.getName(), dims, f, l);
      }
      default -> {
        return new TensorValues(t.getName(), dims, null, null);
      }
    }
  }

  private static void need(TensorProto t, ByteBuffer raw, long bytes) throws OnnxImportException {
    if (raw.remaining() != bytes) {
      throw new OnnxImportException("tensor '" + t.getName() + "' has " + raw.remaining() + " bytes of data for "
          + bytes + " (a truncated or corrupt file?)");
    }
  }

  private static void need(TensorProto t, int have, int want) throws OnnxImportException {
    if (have != want) {
      throw new OnnxImportException("tensor '" + t.getName() + "' has " + have + " values for its shape's " + want
          + " (a truncated or corrupt file?)");
    }
  }

  int count() {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }
}
