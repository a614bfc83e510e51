package dev.convnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSpecTest {
  private static final LayerSpec CONV = LayerSpec.of("c1", "conv", List.of("input"), Shape.map(6, 28, 28),
      "filters", "6", "kernel", "5x5", "bias", "true", "eps", "1.0E-5");

  @Test
  void theCanonicalLineNamesOpAttributesInputsAndShape() {
    assertEquals("c1 conv(filters=6,kernel=5x5,bias=true,eps=1.0E-5) <- input : 6x28x28", CONV.canonical());
    assertEquals("out dense(units=10) <- f6 : 10", LayerSpec.of("out", "dense", List.of("f6"), Shape.vector(10),
        "units", "10").canonical());
  }

  @Test
  void attributesReadByType() {
    assertEquals(6, CONV.intAttribute("filters"));
    assertArrayEquals(new int[] {5, 5}, CONV.pairAttribute("kernel"));
    assertTrue(CONV.booleanAttribute("bias"));
    assertEquals(1e-5, CONV.realAttribute("eps"));
    assertTrue(CONV.has("kernel"));
    assertFalse(CONV.has("table"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONV.attribute("table"));
    assertTrue(e.getMessage().contains("'c1' (conv) has no attribute 'table'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("x", "add", List.of(), Shape.vector(1), "odd"));
  }

  @Test
  void theFingerprintCoversLayersParametersAndBuffers() {
    ParameterLayout layout = ParameterLayout.builder()
        .add("c1.weight", "c1", ParamSlot.Role.WEIGHT, new int[] {6, 1, 5, 5}, 25, 150).build();
    ParameterLayout withBuffer = ParameterLayout.builder()
        .add("c1.weight", "c1", ParamSlot.Role.WEIGHT, new int[] {6, 1, 5, 5}, 25, 150)
        .addBuffer("c1.running_mean", "c1", new int[] {6}, 0).build();
    String text = Fingerprints.describe(List.of(CONV), layout);
    assertEquals(Fingerprints.VERSION + "\n" + CONV.canonical() + "\nparam c1.weight 6x1x5x5 @0\n", text);
    assertEquals(32, Fingerprints.of(List.of(CONV), layout).length());
    assertNotEquals(Fingerprints.of(List.of(CONV), layout), Fingerprints.of(List.of(CONV), withBuffer));
    LayerSpec other = LayerSpec.of("c1", "conv", List.of("input"), Shape.map(6, 28, 28), "filters", "6",
        "kernel", "5x5", "bias", "false", "eps", "1.0E-5");
    assertNotEquals(Fingerprints.of(List.of(CONV), layout), Fingerprints.of(List.of(other), layout));
  }
}
