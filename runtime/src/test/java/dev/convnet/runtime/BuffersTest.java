package dev.convnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-trainable buffers: their own flat array beside the parameters, initial values, lookup, copy and hash. */
class BuffersTest {
  private static ParameterLayout.Builder parameters() {
    return ParameterLayout.builder()
        .add("c.weight", "c", ParamSlot.Role.WEIGHT, new int[] {3, 1, 2, 2}, 4, 12)
        .add("bn.weight", "bn", ParamSlot.Role.SCALE, new int[] {3}, 1, 1)
        .add("bn.bias", "bn", ParamSlot.Role.SHIFT, new int[] {3}, 1, 1);
  }

  /** A conv and a batch norm over its 3 maps, with running mean (0) and variance (1), and a 2×2 extra buffer. */
  private static ParameterLayout layout() {
    return parameters()
        .addBuffer("bn.running_mean", "bn", new int[] {3}, 0)
        .addBuffer("bn.running_var", "bn", new int[] {3}, 1)
        .addBuffer("x.table", "x", new int[] {2, 2}, -0.5f)
        .build();
  }

  @Test
  void buffersAreLaidOutBackToBackOutsideTheParameters() {
    ParameterLayout l = layout();
    assertEquals(12 + 3 + 3, l.size(), "the parameter count excludes buffers");
    assertEquals(parameters().build().size(), l.size());
    assertEquals(3 + 3 + 4, l.bufferSize());
    assertEquals(List.of("bn.running_mean", "bn.running_var", "x.table"),
        l.buffers().stream().map(BufferSlot::name).toList());
    BufferSlot var = l.buffer("bn.running_var");
    assertEquals(new BufferSlot("bn.running_var", "bn", 3, new int[] {3}, 1), var);
    assertEquals(3, var.length());
    assertEquals(6, l.buffer("x.table").offset());
    assertEquals(4, l.buffer("x.table").length());
    assertEquals(0, parameters().build().bufferSize());
    assertTrue(parameters().build().buffers().isEmpty());
  }

  @Test
  void describeListsBuffersAfterTheParametersOnlyWhenThereAreAny() {
    String plain = parameters().build().describe();
    assertEquals("c.weight[3, 1, 2, 2] @0\nbn.weight[3] @12\nbn.bias[3] @15\n", plain,
        "a layout without buffers describes itself exactly as before");
    String withBuffers = layout().describe();
    assertTrue(withBuffers.startsWith(plain + "buffers:\n"), withBuffers);
    assertTrue(withBuffers.contains("bn.running_var[3] @3 = 1.0\n"), withBuffers);
    String otherShape = parameters().addBuffer("bn.running_mean", "bn", new int[] {4}, 0).build().describe();
    String otherInitial = parameters().addBuffer("bn.running_mean", "bn", new int[] {3}, 2).build().describe();
    String otherName = parameters().addBuffer("bn.running_avg", "bn", new int[] {3}, 0).build().describe();
    String one = parameters().addBuffer("bn.running_mean", "bn", new int[] {3}, 0).build().describe();
    assertEquals(4, List.of(one, otherShape, otherInitial, otherName).stream().distinct().count());
    assertNotEquals(plain, one);
  }

  @Test
  void parametersStartBuffersAtTheirInitialValuesAndInitializeResetsThem() {
    Parameters p = new Parameters(layout());
    float[] initial = {0, 0, 0, 1, 1, 1, -0.5f, -0.5f, -0.5f, -0.5f};
    assertArrayEquals(initial, p.buffers());
    assertSame(p.buffers(), p.buffers(), "the shared array itself, not a copy");
    assertEquals(18, p.data().length);
    p.buffers()[1] = 7;
    p.setBuffer("bn.running_var", new float[] {2, 3, 4});
    p.initialize(Init.PYTORCH_DEFAULT, 1);
    assertArrayEquals(initial, p.buffers());
    assertArrayEquals(new float[] {1, 1, 1}, p.get("bn.weight"), "initialize still sets the parameters");
    assertEquals(0, new Parameters(parameters().build()).buffers().length, "never null");
  }

  @Test
  void getAndSetBufferByNameWithLengthChecks() {
    Parameters p = new Parameters(layout());
    p.setBuffer("x.table", new float[] {1, 2, 3, 4});
    assertArrayEquals(new float[] {1, 2, 3, 4}, p.getBuffer("x.table"));
    assertArrayEquals(new float[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(p.buffers(), 6, 10));
    p.getBuffer("x.table")[0] = 99;
    assertEquals(1, p.buffers()[6], "getBuffer returns a copy");
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> p.setBuffer("bn.running_mean", new float[4]));
    assertTrue(length.getMessage().contains("'bn.running_mean'") && length.getMessage().contains("[3] = 3 values")
        && length.getMessage().contains("got 4"), length.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.setBuffer("bn.running_mean", null));
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> p.getBuffer("bn.mean"));
    assertTrue(name.getMessage().contains("'bn.mean'") && name.getMessage().contains("bn.running_mean"),
        name.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new Parameters(parameters().build()).getBuffer("bn.running_mean"));
    assertTrue(none.getMessage().contains("no buffers"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.setBuffer("bn.weight", new float[3]),
        "a parameter is not a buffer");
  }

  @Test
  void copyFromAndValueHashIncludeBuffers() {
    Parameters a = new Parameters(layout()).initialize(Init.PYTORCH_DEFAULT, 3);
    Parameters b = new Parameters(layout()).initialize(Init.PYTORCH_DEFAULT, 3);
    assertEquals(a.valueHash(), b.valueHash());
    a.setBuffer("bn.running_mean", new float[] {0.25f, -1, 2});
    assertNotEquals(a.valueHash(), b.valueHash(), "the hash sees a changed buffer");
    b.copyFrom(a);
    assertArrayEquals(a.buffers(), b.buffers());
    assertNotSame(a.buffers(), b.buffers());
    assertEquals(a.valueHash(), b.valueHash());
    Parameters plain = new Parameters(parameters().build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.copyFrom(a));
    assertTrue(e.getMessage().contains("different layouts"), e.getMessage());
  }

  @Test
  void invalidBuffersAreClearErrors() {
    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
        () -> parameters().addBuffer("bn.weight", "bn", new int[] {3}, 0));
    assertTrue(clash.getMessage().contains("bn.weight"), clash.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> parameters().addBuffer("m", "bn", new int[] {3}, 0).addBuffer("m", "bn", new int[] {2}, 0));
    assertTrue(twice.getMessage().contains("duplicate buffer name m"), twice.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> parameters().addBuffer("m", "bn", new int[] {3, 0}, 0));
    assertTrue(shape.getMessage().contains("[3, 0]"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parameters().addBuffer("m", "bn", new int[0], 0));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> parameters().addBuffer("m", "bn", new int[] {3}, Float.NaN));
    assertTrue(nan.getMessage().contains("non-finite initial value NaN"), nan.getMessage());
  }

  @Test
  void finiteNamesABufferIndex() {
    assertEquals("buffer 'bn.running_var' [3] of layer 'bn' (value 2 of 3)",
        Finite.describeBufferIndex(layout(), 5));
    assertTrue(Finite.describeBufferIndex(layout(), 10).contains("outside every buffer"));
  }
}
