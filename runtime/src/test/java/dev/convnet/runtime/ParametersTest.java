package dev.convnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParametersTest {
  /** conv 3→2 with a table (out 0 ← in 0, 2; out 1 ← in 1), 2×2 kernels; then a dense 4→3 layer. */
  private static ParameterLayout layout() {
    boolean[][] table = {{true, false, true}, {false, true, false}};
    return ParameterLayout.builder()
        .addTable("c.weight", "c", new int[] {2, 3, 2, 2}, 6, 4, table)
        .add("c.bias", "c", ParamSlot.Role.BIAS, new int[] {2}, 6, 4)
        .add("d.weight", "d", ParamSlot.Role.WEIGHT, new int[] {3, 4}, 4, 3)
        .add("s.weight", "s", ParamSlot.Role.SCALE, new int[] {2}, 4, 1)
        .build();
  }

  @Test
  void tableConvStoresOnlyConnectedKernels() {
    ParameterLayout l = layout();
    assertEquals(3 * 4, l.slot("c.weight").length());
    assertEquals(2 * 3 * 4, l.slot("c.weight").denseLength());
    assertEquals(12 + 2 + 12 + 2, l.size());
    assertEquals(12, l.slot("c.bias").offset());
  }

  @Test
  void importExportRoundTripsInPyTorchLayoutWithZerosAtUnconnectedKernels() {
    Parameters p = new Parameters(layout());
    double[] dense = new double[24];
    for (int o = 0; o < 2; o++) {
      for (int i = 0; i < 3; i++) {
        boolean connected = (o == 0 && i != 1) || (o == 1 && i == 1);
        for (int k = 0; k < 4; k++) {
          dense[(o * 3 + i) * 4 + k] = connected ? 1 + o * 100 + i * 10 + k : 0;
        }
      }
    }
    p.set("c.weight", dense);
    // Storage order: out 0 ← in 0, out 0 ← in 2, out 1 ← in 1.
    assertArrayEquals(new float[] {1, 2, 3, 4, 21, 22, 23, 24, 111, 112, 113, 114},
        java.util.Arrays.copyOf(p.data(), 12));
    float[] back = p.get("c.weight");
    for (int i = 0; i < dense.length; i++) {
      assertEquals(dense[i], back[i], 0);
    }
  }

  @Test
  void nonZeroAtAnUnconnectedKernelIsAnErrorNotSilentlyDropped() {
    Parameters p = new Parameters(layout());
    double[] dense = new double[24];
    dense[(0 * 3 + 1) * 4 + 2] = 0.5; // out 0 ← in 1 is not connected
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.set("c.weight", dense));
    assertTrue(e.getMessage().contains("kernel [0, 1]") && e.getMessage().contains("lost"), e.getMessage());
  }

  @Test
  void wrongLengthAndUnknownNameAreClearErrors() {
    Parameters p = new Parameters(layout());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> p.set("d.weight", new float[11]));
    assertTrue(length.getMessage().contains("[3, 4]") && length.getMessage().contains("got 11"),
        length.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> p.get("d.wieght"));
    assertTrue(name.getMessage().contains("d.wieght") && name.getMessage().contains("d.weight"), name.getMessage());
  }

  @Test
  void initializersAreSeededAndBoundedByTheirFanIn() {
    for (Init init : Init.values()) {
      Parameters a = new Parameters(layout()).initialize(init, 7);
      Parameters b = new Parameters(layout()).initialize(init, 7);
      Parameters c = new Parameters(layout()).initialize(init, 8);
      assertArrayEquals(a.data(), b.data(), init + " is not deterministic");
      assertTrue(a.valueHash() != c.valueHash(), init + " ignores the seed");
      double bound = init.bound(4, 3);
      ParamSlot d = a.layout().slot("d.weight");
      double max = 0;
      for (int i = 0; i < d.length(); i++) {
        max = Math.max(max, Math.abs(a.data()[d.offset() + i]));
      }
      assertTrue(max <= bound && max > bound / 4, init + ": max |w| " + max + " for bound " + bound);
      ParamSlot s = a.layout().slot("s.weight");
      assertEquals(1f, a.data()[s.offset()]);
    }
    assertEquals(Math.sqrt(6.0 / 7), Init.XAVIER_UNIFORM.bound(4, 3), 1e-12);
    assertEquals(Math.sqrt(6.0 / 4), Init.HE_UNIFORM.bound(4, 3), 1e-12);
    assertEquals(Math.sqrt(3.0 / 4), Init.LECUN_UNIFORM.bound(4, 3), 1e-12);
    assertEquals(0.5, Init.PYTORCH_DEFAULT.bound(4, 3), 1e-12);
  }

  @Test
  void planesPadAndCropBlocks() {
    float[] src = {1, 2, 3, 4, 5, 6}; // 1 channel, 2×3
    float[] padded = new float[4 * 5];
    Planes.copy(src, 0, 3, 6, padded, 5 + 1, 5, 20, 1, 2, 3);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0}, padded);
    float[] back = new float[6];
    Planes.add(padded, 6, 5, 20, back, 0, 3, 6, 1, 2, 3);
    Planes.add(padded, 6, 5, 20, back, 0, 3, 6, 1, 2, 3);
    assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, back);
  }
}
