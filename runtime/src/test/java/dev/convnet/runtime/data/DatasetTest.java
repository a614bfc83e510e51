package dev.convnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import org.junit.jupiter.api.Test;

class DatasetTest {
  /** Two samples of 2 channels × 2 × 3: sample s, channel c, value v → 100 s + 10 c + v. */
  private static Dataset twoByTwoByThree() {
    float[] f = new float[2 * 12];
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < 2; c++) {
        for (int v = 0; v < 6; v++) {
          f[s * 12 + c * 6 + v] = 100 * s + 10 * c + v + 1;
        }
      }
    }
    return new Dataset(f, new int[] {4, 9}, Shape.map(2, 2, 3));
  }

  @Test
  void paddingPutsEveryPlaneInsideABorder() {
    Dataset d = twoByTwoByThree().padded(1);
    assertEquals(Shape.map(2, 4, 5), d.sampleShape());
    assertArrayEquals(new int[] {4, 9}, d.labels());
    float[] sample1channel1 = java.util.Arrays.copyOfRange(d.features(), 40 + 20, 40 + 40);
    assertArrayEquals(new float[] {
        0, 0, 0, 0, 0,
        0, 111, 112, 113, 0,
        0, 114, 115, 116, 0,
        0, 0, 0, 0, 0}, sample1channel1);
    Dataset mnistLike = new Dataset(new float[28 * 28], new int[] {0}, Shape.map(1, 28, 28));
    assertEquals(Shape.map(1, 32, 32), mnistLike.padded(2).sampleShape());
    float[] filled = twoByTwoByThree().padded(1, -0.1f).features();
    assertEquals(-0.1f, filled[0]);
    assertEquals(1f, filled[6]);
  }

  @Test
  void sliceLabelsScalingAndSamples() {
    Dataset d = twoByTwoByThree();
    Dataset second = d.slice(1, 2);
    assertEquals(1, second.size());
    assertEquals(9, second.label(0));
    assertEquals(101f, second.features()[0]);
    assertEquals(0, d.slice(1, 1).size());
    assertThrows(IllegalArgumentException.class, () -> d.slice(1, 3));
    assertArrayEquals(new int[] {1, 0}, d.withLabels(new int[] {1, 0}).labels());
    assertThrows(IllegalArgumentException.class, () -> d.withLabels(new int[] {1}));
    assertEquals(2 * 1 - 1, d.scaled(2, -1).features()[0]);
    assertEquals(10, d.classes());
    assertEquals(111f, d.sample(1)[6]);
    assertThrows(IndexOutOfBoundsException.class, () -> d.sample(2));
  }

  @Test
  void inconsistentArraysAndBadValuesAreClearErrors() {
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new float[11], new int[2], Shape.map(1, 2, 3)));
    assertTrue(length.getMessage().contains("needs 12 feature values, got 11"), length.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new float[12], new int[] {0, -3}, Shape.map(1, 2, 3)));
    assertTrue(label.getMessage().contains("sample 1 is -3"), label.getMessage());
    float[] f = new float[12];
    f[8] = Float.NaN;
    Dataset d = new Dataset(f, new int[2], Shape.map(1, 2, 3));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> d.checkFinite("test set"));
    assertTrue(nan.getMessage().contains("test set: sample 1") && nan.getMessage().contains("NaN at index 2"),
        nan.getMessage());
  }
}
