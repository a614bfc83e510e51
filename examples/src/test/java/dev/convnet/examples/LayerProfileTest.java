package dev.convnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.LayerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-layer profile of a generated network: every layer's forward and backward time, samples and rate. */
class LayerProfileTest {
  @Test
  void timesEveryLayerOfEveryProfiledPass() {
    LeNet5Net net = new LeNet5Net();
    float[] x = new float[4 * net.inputSize()];
    float[] dy = new float[4 * net.outputSize()];
    java.util.Arrays.fill(x, 0.5f);
    java.util.Arrays.fill(dy, 0.1f);
    net.forward(x, 4); // not profiled
    assertThrows(IllegalStateException.class, net::profile);
    net.setProfiling(true);
    for (int pass = 0; pass < 3; pass++) {
      net.forward(x, 4);
      net.backward(dy);
    }
    net.forward(x, 2);
    LayerProfile profile = net.profile();
    List<LayerProfile.Row> rows = profile.rows();
    assertEquals(net.layers().size() - 1, rows.size(), "one row per layer but the input");
    for (int i = 0; i < rows.size(); i++) {
      LayerProfile.Row r = rows.get(i);
      assertEquals(net.layers().get(i + 1).name(), r.layer().name(), "rows in the network's order");
      assertEquals(14, r.forwardSamples(), r.layer().name());
      assertEquals(12, r.backwardSamples(), r.layer().name());
      assertTrue(r.forwardNanos() > 0 && r.backwardNanos() > 0, r.layer().name());
    }
    LayerProfile.Row c3 = rows.stream().filter(r -> r.layer().name().equals("c3")).findFirst().orElseThrow();
    assertEquals(2.0 * c3.layer().macs() * 14 / c3.forwardNanos(), c3.forwardGflops(), 1e-9);
    String table = profile.table();
    assertTrue(table.contains("c3") && table.contains("GF/s"), table);
    net.setProfiling(true);
    assertEquals(0, net.profile().totalNanos(), "turning profiling on clears the times");
    net.setProfiling(false);
    assertThrows(IllegalStateException.class, net::profile);
  }
}
