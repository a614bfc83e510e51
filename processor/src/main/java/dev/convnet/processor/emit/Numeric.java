package dev.convnet.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;

/** The number type a generated class computes in: everything type-specific the emitters write goes through here. */
public enum Numeric {
  FLOAT("float", "", "f"),
  DOUBLE("double", "64", "");

  private final String keyword;
  private final String classSuffix;
  private final String literalSuffix;

  Numeric(String keyword, String classSuffix, String literalSuffix) {
    this.keyword = keyword;
    this.classSuffix = classSuffix;
    this.literalSuffix = literalSuffix;
  }

  /** {@code float} or {@code double}. */
  public String type() {
    return keyword;
  }

  public TypeName typeName() {
    return this == FLOAT ? TypeName.FLOAT : TypeName.DOUBLE;
  }

  public ArrayTypeName arrayType() {
    return ArrayTypeName.of(typeName());
  }

  public String classSuffix() {
    return classSuffix;
  }

  /** A literal of this type: {@code 0.25f} or {@code 0.25}. */
  public String literal(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e7) {
      return (long) value + (this == FLOAT ? "f" : ".0");
    }
    return this == FLOAT ? Float.toString((float) value) + literalSuffix : Double.toString(value);
  }

  /** The cast a {@code double} value needs to become this type: {@code "(float) "}, or nothing for double. */
  public String cast() {
    return this == FLOAT ? "(float) " : "";
  }

  /** Converts a {@code double} expression to this type: {@code (float) (e)} or {@code e}. */
  public String fromDouble(String expression) {
    return this == FLOAT ? "(float) " + expression : expression;
  }
}
