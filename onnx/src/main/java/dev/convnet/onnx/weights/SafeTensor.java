package dev.convnet.onnx.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor of a safetensors file: its element type, shape and raw little-endian bytes.
 *
 * @param name  e.g. {@code layer1.0.conv1.weight}
 * @param dtype the element type
 * @param shape the shape, outermost dimension first (empty for a scalar)
 * @param data  exactly {@code count() × dtype.bytes()} bytes, little-endian, position 0 (a read-only view)
 */
public record SafeTensor(String name, DType dtype, int[] shape, ByteBuffer data) {
  public SafeTensor {
    shape = shape.clone();
    data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long count = 1;
    for (int s : shape) {
      count *= s;
    }
    if ((long) data.remaining() != count * dtype.bytes()) {
      throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape) + " " + dtype
          + " needs " + count * dtype.bytes() + " bytes, got " + data.remaining());
    }
  }

  /** A float32 tensor holding a copy of {@code values}. */
  public static SafeTensor f32(String name, int[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new SafeTensor(name, DType.F32, shape, b);
  }

  /** An int64 tensor holding a copy of {@code values} (e.g. PyTorch's {@code num_batches_tracked}). */
  public static SafeTensor i64(String name, int[] shape, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return new SafeTensor(name, DType.I64, shape, b);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public long count() {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /** The values converted to float (exactly for F32, F16 and BF16; rounded for F64 and integers). */
  public float[] floats() {
    float[] out = new float[Math.toIntExact(count())];
    for (int i = 0; i < out.length; i++) {
      out[i] = dtype.floatAt(data, i);
    }
    return out;
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafeTensor t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
        && t.data.equals(data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }
}
