package dev.convnet.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.convnet.processor.fuzz.LayerSpec.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declarations the fuzzers found mishandled, kept as reproducers: each must compile and agree with the reference. */
class RegressionTest {
  private static NetSpec net(String name, int c, int h, int w) {
    NetSpec n = new NetSpec(name);
    n.channels = c;
    n.height = h;
    n.width = w;
    return n;
  }

  private static LayerSpec add(NetSpec n, Kind kind, String name) {
    LayerSpec l = new LayerSpec(kind, name, n.layers.isEmpty() ? n.inputName : n.last().name);
    n.layers.add(l);
    n.relink();
    return l;
  }

  private static void assertAgrees(NetSpec n) {
    String problem = DifferentialFuzzTest.problem(n, 1,
        Compiled.compile(List.of(Compiled.source(n.qualifiedName(), n.source()))));
    assertNull(problem, () -> problem + "\n" + n.source());
  }

  /** A '$' in a layer name reached JavaPoet as part of a format string: "index 1 for '$l' not in range". */
  @Test
  void dollarInALayerNameOfAConvolution() {
    NetSpec n = net("Dollar", 3, 2, 2);
    LayerSpec c = add(n, Kind.CONV, "deep$layer1");
    c.filters = 1;
    c.kh = c.kw = 2;
    c.sw = 3;
    assertAgrees(n);
  }

  @Test
  void dollarInALayerNameOfAConvolutionWithATable() {
    NetSpec n = net("DollarTable", 2, 5, 4);
    LayerSpec c = add(n, Kind.CONV, "a$");
    c.filters = 2;
    c.kh = c.kw = 2;
    c.table = new String[] {"X.", ".X"};
    assertAgrees(n);
  }

  @Test
  void dollarInALayerNameOfATransposedConvolution() {
    NetSpec n = net("DollarTransposed", 2, 3, 4);
    LayerSpec t = add(n, Kind.TRANSPOSED, "$up");
    t.filters = 2;
    t.kh = t.kw = 2;
    t.sh = t.sw = 2;
    t.ph = 1;
    assertAgrees(n);
  }

  /**
   * Layer {@code a}'s scratch field {@code aPadDelta} was also layer {@code aPad}'s delta field: "variable
   * aPadDelta is already defined" in the generated class (found as {@code xDeltaPadDelta}).
   */
  @Test
  void layerNamedLikeAnotherLayersScratchField() {
    NetSpec n = net("FieldClash", 2, 5, 6);
    LayerSpec a = add(n, Kind.CONV, "a");
    a.filters = 2;
    a.kh = a.kw = 2;
    a.pad = LayerSpec.Pad.EXPLICIT;
    a.ph = a.pw = 1;
    LayerSpec pad = add(n, Kind.AVG, "aPad");
    pad.kh = pad.kw = 2;
    pad.sh = pad.sw = 1;
    pad.ph = 1;
    LayerSpec full = add(n, Kind.TRANSPOSED, "aPadFull");
    full.filters = 1;
    full.kh = full.kw = 2;
    full.ph = 1;
    LayerSpec d = add(n, Kind.ACTIVATE, "aPadFullDelta");
    d.act = LayerSpec.Act.TANH;
    assertAgrees(n);
  }
}
