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

  /**
   * A fixed 3×3 kernel shared by the 30 × 32 pairs of maps was written as a literal of 8,640 values: the static
   * initializer exceeded 64 KB ("code too large", fuzzer, seed 20261209 once its generator drew linked chains). Now a period
   * repeated at class initialization.
   */
  @Test
  void aSharedFixedKernelOfManyPairs() {
    NetSpec n = net("SharedFixed", 1, 1, 4);
    LayerSpec first = add(n, Kind.CONV, "first");
    first.filters = 30;
    first.kh = first.kw = 4;
    first.sw = 3;
    first.pad = LayerSpec.Pad.EXPLICIT;
    first.ph = 2;
    LayerSpec fixed = add(n, Kind.CONV, "fixed");
    fixed.filters = 32;
    fixed.kh = fixed.kw = 3;
    fixed.pad = LayerSpec.Pad.SAME;
    fixed.dh = 2;
    fixed.bias = false;
    fixed.weights = new double[] {-0.697, -0.297, -0.432, 0.83, 0.141, 0.047, -0.627, -0.826, 0.714};
    assertAgrees(n);
  }

  /**
   * Fixed kernels of every pair declared one by one, 9,216 values in all (more than a literal allows), none
   * repeating: written as their decimal text in pieces, read at class initialization to the same values.
   */
  @Test
  void fixedKernelsDeclaredPairByPair() {
    NetSpec n = net("PairFixed", 32, 3, 3);
    LayerSpec fixed = add(n, Kind.CONV, "fixed");
    fixed.filters = 32;
    fixed.kh = fixed.kw = 3;
    fixed.pad = LayerSpec.Pad.SAME;
    fixed.bias = false;
    fixed.weights = new double[32 * 32 * 9];
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < fixed.weights.length; i++) {
      fixed.weights[i] = Math.round(random.nextDouble(-1, 1) * 1e6) / 1e6;
    }
    assertAgrees(n);
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
   * Layer {@code gradients}' geometry constant {@code GRADIENTS_FULL_W} (a transposed convolution's full width) was
   * also the width of layer {@code gradientsFull}: "variable GRADIENTS_FULL_W is already defined" (fuzzer, seed 7).
   */
  @Test
  void geometryConstantNamedLikeAnotherLayersShape() {
    NetSpec n = net("ShapeClash", 1, 1, 7);
    LayerSpec t = add(n, Kind.TRANSPOSED, "gradients");
    t.filters = 2;
    t.kh = 3;
    t.kw = 4;
    t.sw = 2;
    t.pad = LayerSpec.Pad.EXPLICIT;
    t.pw = 1;
    t.opw = 1;
    t.dh = 2;
    add(n, Kind.GAP, "gradientsFull");
    add(n, Kind.DENSE, "out").units = 2;
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

  private static LayerSpec layer(NetSpec n, Kind kind, String name, String... inputs) {
    LayerSpec l = new LayerSpec(kind, name, inputs[0]);
    l.more = new java.util.ArrayList<>(List.of(inputs).subList(1, inputs.length));
    n.layers.add(l);
    return l;
  }

  /**
   * Every newer form in one DAG, kept as a fixed check of the reference interpreter as well as of the processor:
   * a grouped convolution and a frozen one concatenated, batch norm (running statistics and an inference pass),
   * dropout with a random mask, a residual block used twice (width 2, stride 2), LRN, global average pooling and a
   * fixed-prototype RBF output with the rbf-map loss.
   */
  @Test
  void everyNewerFormInOneNetwork() {
    NetSpec n = net("AllForms", 2, 7, 6);
    n.loss = "rbf-map";
    LayerSpec g = layer(n, Kind.CONV, "grouped", "input");
    g.filters = 4;
    g.groups = 2;
    g.kh = g.kw = 3;
    g.pad = LayerSpec.Pad.SAME;
    LayerSpec f = layer(n, Kind.CONV, "frozen", "input");
    f.filters = 1;
    f.bias = false;
    f.weights = new double[] {0.5, -0.25};
    LayerSpec cat = layer(n, Kind.CONCAT, "cat", "grouped", "frozen");
    LayerSpec bn = layer(n, Kind.BATCHNORM, "bn", "cat");
    bn.act = LayerSpec.Act.RELU;
    bn.momentum = 0.3;
    LayerSpec drop = layer(n, Kind.DROPOUT, "drop", "bn");
    drop.rate = 0.3;
    drop.seed = 42;
    BlockSpec block = new BlockSpec("AllFormsBlock");
    LayerSpec a = new LayerSpec(Kind.CONV, "a", "x");
    a.filters = 1;
    a.kh = a.kw = 3;
    a.pad = LayerSpec.Pad.EXPLICIT;
    a.ph = a.pw = 1;
    a.strideFromBlock = true;
    LayerSpec sc = new LayerSpec(Kind.CONV, "sc", "x");
    sc.filters = 1;
    sc.strideFromBlock = true;
    LayerSpec out = new LayerSpec(Kind.ADD, "out", "a");
    out.more.add("sc");
    out.act = LayerSpec.Act.TANH;
    out.output = true;
    block.layers.addAll(List.of(a, sc, out));
    n.blocks.add(block);
    LayerSpec u1 = layer(n, Kind.BLOCK, "stage1", "drop");
    u1.block = block;
    u1.width = 2;
    u1.blockStride = 2;
    LayerSpec u2 = layer(n, Kind.BLOCK, "stage2", "stage1");
    u2.block = block;
    u2.width = 2;
    LayerSpec lrn = layer(n, Kind.LRN, "lrn", "stage2");
    lrn.lrnSize = 3;
    lrn.alpha = 0.5;
    layer(n, Kind.GAP, "gap", "lrn");
    LayerSpec rbf = layer(n, Kind.RBF, "rbf", "gap");
    rbf.units = 3;
    rbf.prototypes = new String[] {"X.", ".X", "XX"};
    rbf.output = true;
    assertAgrees(n);
  }

  /**
   * Found by the long run (seed 8): batch norm over the channel means of two samples normalizes every value to about
   * ±1 whatever the layers before it compute, so their bias gradients cancel to zero; the reference kept rounding
   * residues of 1e-12 where the generated code summed to exactly 0, over the tight tolerance. Not a compiler error:
   * a gradient is now measured against the largest gradient or backpropagated term when it is smaller
   * ({@link DifferentialCheck#CANCELLATION}), the size of what it cancelled from.
   */
  @Test
  void gradientsThatBatchNormCancelsAreComparedToTheirTerms() {
    NetSpec n = net("N10", 1, 5, 2);
    n.float32 = false;
    LayerSpec l1 = layer(n, Kind.CONV, "l1", "input");
    l1.filters = 2;
    BlockSpec block = new BlockSpec("N10Block");
    LayerSpec c = new LayerSpec(Kind.CONV, "c", "y");
    c.filters = 1;
    c.strideFromBlock = true;
    LayerSpec out = new LayerSpec(Kind.ADD, "out", "c");
    out.more.add("x");
    out.output = true;
    block.layers.addAll(List.of(c, out));
    n.blocks.add(block);
    LayerSpec dy = layer(n, Kind.BLOCK, "dy", "input", "l1");
    dy.block = block;
    dy.width = 2;
    LayerSpec l3 = layer(n, Kind.CONV, "l3", "dy");
    l3.filters = 1;
    l3.sh = l3.sw = 2;
    LayerSpec l2 = layer(n, Kind.BLOCK, "l2", "dy", "l3");
    l2.block = block;
    l2.blockStride = 2;
    layer(n, Kind.GAP, "gradients", "l2");
    LayerSpec bn = layer(n, Kind.BATCHNORM, "l5", "gradients");
    bn.momentum = 1.0;
    bn.affine = false;
    bn.output = true;
    String problem = DifferentialFuzzTest.problem(n, 4039219270003509673L,
        Compiled.compile(List.of(Compiled.source(n.qualifiedName(), n.source()))));
    assertNull(problem, () -> problem + "\n" + n.source());
  }
}
