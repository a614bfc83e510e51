package dev.convnet.onnx.weights;

import java.nio.ByteBuffer;

/** The safetensors element types this module reads; {@link #F32} is what it writes. */
public enum DType {
  F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** Whether values of this type convert to {@code float} (the floating-point types). */
  public boolean floating() {
    return this == F32 || this == F64 || this == F16 || this == BF16;
  }

  /** Element {@code i} of a little-endian buffer as a float. */
  float floatAt(ByteBuffer b, int i) {
    return switch (this) {
      case F32 -> b.getFloat(i * 4);
      case F64 -> (float) b.getDouble(i * 8);
      case F16 -> halfToFloat(b.getShort(i * 2));
      case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
      case I64 -> b.getLong(i * 8);
      case I32 -> b.getInt(i * 4);
    };
  }

  /** IEEE 754 binary16 to float (subnormals, infinities and NaN included). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float v = mantissa * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  static DType parse(String name) {
    for (DType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
