package dev.convnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated LeNet-5 counts parameters and connections exactly as the seed (LeCun et al. 1998) does. */
class LeNet5SummaryTest {
  private static LayerInfo layer(String name) {
    return new LeNet5Net().layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private static void expect(String name, Shape shape, long parameters, long connections) {
    LayerInfo l = layer(name);
    assertEquals(shape, l.outputShape(), name + " shape");
    assertEquals(parameters, l.parameters(), name + " parameters");
    assertEquals(connections, l.connections(), name + " connections");
  }

  @Test
  void perLayerCountsAreTheSeeds() {
    expect("c1", Shape.map(6, 28, 28), 156, 122_304);
    expect("s2", Shape.map(6, 14, 14), 12, 5_880);
    expect("c3", Shape.map(16, 10, 10), 1_516, 151_600);
    expect("s4", Shape.map(16, 5, 5), 32, 2_000);
    expect("c5", Shape.map(120, 1, 1), 48_120, 48_120);
    expect("f6", Shape.vector(84), 10_164, 10_164);
    expect("out", Shape.vector(10), 850, 850);
  }

  @Test
  void totalsAndLayout() {
    LeNet5Net net = new LeNet5Net();
    List<LayerInfo> layers = net.layers();
    assertEquals(List.of("input", "c1", "s2", "c3", "s4", "c5", "f6", "out"),
        layers.stream().map(LayerInfo::name).toList());
    assertEquals(60_850, layers.stream().mapToLong(LayerInfo::parameters).sum());
    assertEquals(60_850, net.layout().size());
    assertEquals(60_850, net.parameters().data().length);
    // C3 stores 60 of its 96 kernels.
    assertEquals(60 * 25, net.layout().slot("c3.weight").length());
    assertEquals(List.of(16, 6, 5, 5), java.util.Arrays.stream(net.layout().slot("c3.weight").shape()).boxed()
        .toList());
    // Forward multiply-accumulates with the table: 117,600 + 150,000 + 48,000 + 10,080 + 840.
    assertEquals(326_520, layers.stream().mapToLong(LayerInfo::macs).sum());
  }
}
