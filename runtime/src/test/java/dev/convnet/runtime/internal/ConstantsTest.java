package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Constants}: the fixed arrays generated classes build at class initialization hold exactly the values the
 * processor wrote (each value's shortest round-trip text, split into pieces at value boundaries).
 */
class ConstantsTest {
  @Test
  void tilesRepeatThePeriod() {
    assertArrayEquals(new float[] {1f, -2f, 1f, -2f, 1f, -2f}, Constants.tiled(new float[] {1f, -2f}, 3));
    assertArrayEquals(new double[] {0.5, 0.5}, Constants.tiled(new double[] {0.5}, 2));
  }

  @Test
  void decimalPiecesGiveTheValuesBitForBit() {
    float[] floats = {-0f, 0f, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, -0.697f, 1e-38f, 123456.79f};
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < floats.length; i++) {
      StringBuilder piece = i < 3 ? first : second;
      piece.append(piece.length() > 0 ? "," : "").append(Float.toString(floats[i]));
    }
    assertArrayEquals(floats, Constants.floats(first.toString(), second.toString()));
    double[] doubles = {-0.0, Double.MIN_VALUE, 0.1, 1.0 / 3, -1e300};
    StringBuilder text = new StringBuilder();
    for (double d : doubles) {
      text.append(text.length() > 0 ? "," : "").append(Double.toString(d));
    }
    assertArrayEquals(doubles, Constants.doubles(text.toString()));
  }
}
