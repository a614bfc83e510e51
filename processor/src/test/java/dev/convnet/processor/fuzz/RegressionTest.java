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

  /**
   * Found by the long run (seed 11): two overlapping max pools after a saturating tanh. In float32 two window values
   * were equal where float64 told them apart, so float32 routed the gradient to another element (outputs agreed).
   * Not a compiler error: the differential check now compares float32 gradients only when no max-pooling window
   * holds a near-tie ({@link DifferentialCheck#FLOAT32_TIE}); float64 is still compared tightly.
   */
  @Test
  void float32MaxPoolNearTiesAreNotMismatches() {
    NetSpec n = net("N1026", 3, 11, 11);
    n.loss = "binary-cross-entropy-with-logits";
    LayerSpec l2 = add(n, Kind.L2, "NAME");
    l2.kh = 4;
    l2.kw = 3;
    l2.sh = 3;
    l2.sw = 2;
    l2.ceil = true;
    LayerSpec sig = add(n, Kind.ACTIVATE, "NAMEForward");
    sig.act = LayerSpec.Act.SIGMOID;
    LayerSpec up = add(n, Kind.TRANSPOSED, "layerOutput");
    up.filters = 4;
    up.kh = up.kw = 3;
    up.sh = 3;
    up.sw = 2;
    up.ph = 2;
    up.oph = 2;
    up.act = LayerSpec.Act.TANH;
    LayerSpec m1 = add(n, Kind.MAX, "dx");
    m1.kh = m1.kw = 3;
    m1.sh = 2;
    m1.sw = 1;
    m1.ceil = true;
    LayerSpec m2 = add(n, Kind.MAX, "dxForward");
    m2.kh = m2.kw = 3;
    m2.sh = m2.sw = 3;
    m2.strideWritten = false;
    m2.pw = 1;
    m2.output = true;
    String problem = DifferentialFuzzTest.problem(n, -2429760651476911736L,
        Compiled.compile(List.of(Compiled.source(n.qualifiedName(), n.source()))));
    assertNull(problem, () -> problem + "\n" + n.source());
  }
}
