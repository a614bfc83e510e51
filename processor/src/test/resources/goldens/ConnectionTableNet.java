package golden;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.FastMath;
import dev.convnet.runtime.Fingerprints;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.Planes;
import dev.convnet.runtime.Shape;
import dev.convnet.runtime.internal.GeneratedNetwork;
import dev.convnet.runtime.internal.NetworkInfo;
import dev.convnet.runtime.internal.Vectorization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The network {@link golden.ConnectionTable}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    1×8×8                   0              0
 * c1             Conv 3×3, tanh                           3×6×6                  30          1,080
 * s2             Subsampling 2×2, tanh                    3×3×3                   6            135
 * c3             Conv 3×3, table 4/6                      2×1×1                  38             38
 * out            Dense (flattens 2×1×1)                   2                       6              6
 * total                                                                          80          1,259
 * </pre>
 * 80 trainable parameters; 1,012 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.ConnectionTable"
)
public final class ConnectionTableNet extends GeneratedNetwork {
  public static final String NAME = "ConnectionTable";

  /**
   * input: 1×8×8
   */
  public static final int INPUT_C = 1;

  public static final int INPUT_H = 8;

  public static final int INPUT_W = 8;

  public static final int INPUT_SIZE = 64;

  /**
   * c1: 3×6×6
   */
  public static final int C1_C = 3;

  public static final int C1_H = 6;

  public static final int C1_W = 6;

  public static final int C1_SIZE = 108;

  /**
   * s2: 3×3×3
   */
  public static final int S2_C = 3;

  public static final int S2_H = 3;

  public static final int S2_W = 3;

  public static final int S2_SIZE = 27;

  /**
   * c3: 2×1×1
   */
  public static final int C3_C = 2;

  public static final int C3_H = 1;

  public static final int C3_W = 1;

  public static final int C3_SIZE = 2;

  /**
   * out: 2
   */
  public static final int OUT_C = 2;

  public static final int OUT_H = 1;

  public static final int OUT_W = 1;

  public static final int OUT_SIZE = 2;

  /**
   * Trainable parameters.
   */
  public static final long PARAMETER_COUNT = 80L;

  /**
   * Multiply-accumulates per sample in the forward pass (1,012).
   */
  public static final long MACS = 1012L;

  /**
   * Offset of c1.weight (27 values) in the parameter buffer.
   */
  static final int C1_WEIGHT = 0;

  /**
   * Offset of c1.bias (3 values) in the parameter buffer.
   */
  static final int C1_BIAS = 27;

  /**
   * Offset of s2.weight (3 values) in the parameter buffer.
   */
  static final int S2_WEIGHT = 30;

  /**
   * Offset of s2.bias (3 values) in the parameter buffer.
   */
  static final int S2_BIAS = 33;

  /**
   * Offset of c3.weight (36 values) in the parameter buffer.
   */
  static final int C3_WEIGHT = 36;

  /**
   * Offset of c3.bias (2 values) in the parameter buffer.
   */
  static final int C3_BIAS = 72;

  /**
   * Offset of out.weight (4 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 74;

  /**
   * Offset of out.bias (2 values) in the parameter buffer.
   */
  static final int OUT_BIAS = 78;

  /**
   * Names, shapes and offsets of the 80 parameters.
   */
  public static final ParameterLayout LAYOUT = buildLayout();

  private static final List<LayerInfo> LAYERS = layerInfos();

  /**
   * The architecture, one canonical description per layer.
   */
  public static final List<LayerSpec> ARCHITECTURE = architectureSpecs();

  /**
   * A hash of the architecture (version 2: {@link #ARCHITECTURE} and {@link #LAYOUT}); model files carry it.
   */
  public static final String FINGERPRINT = Fingerprints.of(ARCHITECTURE, LAYOUT);

  /**
   * The fingerprint version 1 gave this architecture: model files saved then still load.
   */
  static final String FORMER_FINGERPRINT = "bd437ed812504e8b358ef6a31b519b17";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

  /**
   * Row pitch of c1's input planes and wide rows.
   */
  private static final int C1_PITCH = 8;

  /**
   * Values of one of c1's wide output maps up to its last output: 6 rows at the input's pitch, the last one 6 long.
   */
  private static final int C1_WIDE_LENGTH = 46;

  /**
   * Zeros before each of c1's wide delta maps.
   */
  private static final int C1_WIDE_MARGIN = 2;

  /**
   * Values of one of c1's wide delta maps: its zero margin, then 6 rows at the input's pitch.
   */
  private static final int C1_WIDE_DELTA_MAP = 50;

  /**
   * Row pitch of c3's input planes and wide rows.
   */
  private static final int C3_PITCH = 3;

  /**
   * Values of one of c3's wide output maps up to its last output: 1 rows at the input's pitch, the last one 1 long.
   */
  private static final int C3_WIDE_LENGTH = 1;

  /**
   * Zeros before each of c3's wide delta maps.
   */
  private static final int C3_WIDE_MARGIN = 2;

  /**
   * Values of one of c3's wide delta maps: its zero margin, then 1 rows at the input's pitch.
   */
  private static final int C3_WIDE_DELTA_MAP = 5;

  /**
   * False for workers: only the network itself updates running statistics.
   */
  private boolean primary = true;

  /**
   * This instance's index among its workers (0 for the network itself): picks random streams.
   */
  private int stream;

  /**
   * How many workers were made from this network.
   */
  private int workers;

  /**
   * The batch size the per-batch buffers hold.
   */
  private int capacity;

  /**
   * input: activations, 1×8×8 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * c1: activations, 3×6×6 per sample.
   */
  private float[] c1$out;

  /**
   * c1: d(loss)/d(activations).
   */
  private float[] c1$delta;

  /**
   * s2: activations, 3×3×3 per sample.
   */
  private float[] s2$out;

  /**
   * s2: d(loss)/d(activations).
   */
  private float[] s2$delta;

  /**
   * c3: activations, 2×1×1 per sample.
   */
  private float[] c3$out;

  /**
   * c3: d(loss)/d(activations).
   */
  private float[] c3$delta;

  /**
   * out: activations, 2 per sample.
   */
  private float[] out$out;

  /**
   * out: d(loss)/d(activations).
   */
  private float[] out$delta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] c1$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] c1$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] c1$deltaWide;

  /**
   * the mean of each window.
   */
  private float[] s2$mean;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] c3$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] c3$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] c3$deltaWide;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] c1$planes;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] c3$planes;

  /**
   * The 3 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public ConnectionTableNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public ConnectionTableNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("c1.weight", "c1", ParamSlot.Role.WEIGHT, new int[] {3, 1, 3, 3}, 9, 27);
    b.add("c1.bias", "c1", ParamSlot.Role.BIAS, new int[] {3}, 9, 27);
    b.add("s2.weight", "s2", ParamSlot.Role.SCALE, new int[] {3}, 4, 1);
    b.add("s2.bias", "s2", ParamSlot.Role.BIAS, new int[] {3}, 4, 1);
    b.addTable("c3.weight", "c3", new int[] {2, 3, 3, 3}, 18, 12, new boolean[][] {{true, true, false},
            {false, true, true}});
    b.add("c3.bias", "c3", ParamSlot.Role.BIAS, new int[] {2}, 18, 12);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 2}, 2, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 2, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(1, 8, 8), 0L, 0L, 0L));
    l.add(new LayerInfo("c1", "Conv 3×3, tanh", List.of("input"),
        Shape.map(3, 6, 6), 30L, 1080L, 972L));
    l.add(new LayerInfo("s2", "Subsampling 2×2, tanh", List.of("c1"),
        Shape.map(3, 3, 3), 6L, 135L, 0L));
    l.add(new LayerInfo("c3", "Conv 3×3, table 4/6", List.of("s2"),
        Shape.map(2, 1, 1), 38L, 38L, 36L));
    l.add(new LayerInfo("out", "Dense (flattens 2×1×1)", List.of("c3"),
        Shape.vector(2), 6L, 6L, 4L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(1, 8, 8)));
    a.add(LayerSpec.of("c1", "conv", List.of("input"), Shape.map(3, 6, 6), "filters", "3", "kernel",
        "3x3", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias", "true",
        "activation", "tanh"));
    a.add(LayerSpec.of("s2", "subsampling", List.of("c1"), Shape.map(3, 3, 3), "window", "2x2",
        "stride", "2x2", "activation", "tanh"));
    a.add(LayerSpec.of("c3", "conv", List.of("s2"), Shape.map(2, 1, 1), "filters", "2", "kernel",
        "3x3", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias", "true",
        "activation", "identity", "table", "X./XX/.X"));
    a.add(LayerSpec.of("out", "dense", List.of("c3"), Shape.vector(2), "units", "2", "bias", "true",
        "activation", "identity"));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    c1$out = new float[0];
    c1$delta = new float[0];
    s2$out = new float[0];
    s2$delta = new float[0];
    c3$out = new float[0];
    c3$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    c1$taps = new float[9][48];
    c1$acc = new float[3][48];
    c1$deltaWide = new float[150];
    s2$mean = new float[0];
    c3$taps = new float[27][16];
    c3$acc = new float[2][16];
    c3$deltaWide = new float[10];
    c1$planes = new float[66];
    c3$planes = new float[42];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new ConnectionTableNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    ConnectionTableNet w = new ConnectionTableNet(sharedParameters());
    w.primary = false;
    share(w);
    w.stream = ++workers;
    w.reseed();
    return w;
  }

  @Override
  protected void forwardLayers() {
    startLayer();
    for (int n = 0; n < batch; n++) {
      c1Forward(n);
    }
    endLayer(1, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      s2Forward(n);
    }
    endLayer(2, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      c3Forward(n);
    }
    endLayer(3, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outForward(n);
    }
    endLayer(4, false);
  }

  @Override
  protected void backwardLayers() {
    if (inputGradient) {
      Arrays.fill(input$delta, 0, batch * INPUT_SIZE, 0f);
    }
    Arrays.fill(c1$delta, 0, batch * C1_SIZE, 0f);
    Arrays.fill(s2$delta, 0, batch * S2_SIZE, 0f);
    Arrays.fill(c3$delta, 0, batch * C3_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(4, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      c3Backward(n);
    }
    endLayer(3, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      s2Backward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      c1Backward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return c1$out;
      case 2: return s2$out;
      case 3: return c3$out;
      case 4: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return c1$delta;
      case 2: return s2$delta;
      case 3: return c3$delta;
      case 4: return out$delta;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected void reserve(int batch) {
    if (batch <= capacity) {
      return;
    }
    input$out = new float[batch * INPUT_SIZE];
    input$delta = new float[batch * INPUT_SIZE];
    c1$out = new float[batch * C1_SIZE];
    c1$delta = new float[batch * C1_SIZE];
    s2$out = new float[batch * S2_SIZE];
    s2$delta = new float[batch * S2_SIZE];
    c3$out = new float[batch * C3_SIZE];
    c3$delta = new float[batch * C3_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    s2$mean = new float[batch * S2_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
   *
   * <p>Strategy: tap rows: stride 1 and 414 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#c1Forward}, when the JVM reads jdk.incubator.vector): tap rows: stride
   * 1 and 414 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with the
   * Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void c1Forward(int n) {
    // c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.c1Forward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = c1$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * C1_SIZE;
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    c1TapRows(x, xo, c1$taps, 0);
    for (int o = 0; o < 3; o++) {
      Arrays.fill(c1$acc[o], p[C1_BIAS + o]);
    }
    for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
      c1TapGather(p, k, c1$taps, 0, c1$acc[o]);
    }
    for (int o = 0; o < 3; o++) {
      Planes.copy(c1$acc[o], 0, C1_PITCH, C1_WIDE_LENGTH,
          y, yo + o * C1_H * C1_W, C1_W, C1_H * C1_W, 1, C1_H, C1_W);
    }
    for (int i = yo; i < yo + C1_SIZE; i++) {
      y[i] = FastMath.tanh(y[i]);
    }
  }

  /**
   * Backward, one sample: c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
   */
  private void c1Backward(int n) {
    // c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.c1Backward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = c1$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * C1_SIZE;
    final float[] dy = c1$delta;
    final float[] dx = input$delta;
    for (int i = yo; i < yo + C1_SIZE; i++) {
      dy[i] *= 1f - y[i] * y[i];
    }
    for (int o = 0; o < 3; o++) {
      float s = 0;
      final int d = yo + o * 36;
      for (int j = 0; j < 36; j++) {
        s += dy[d + j];
      }
      g[C1_BIAS + o] += s;
    }
    for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
      c1WeightGrad(g, k, dy, yo + o * 36, x, xo);
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, C1_W, C1_H * C1_W,
          c1$deltaWide, C1_WIDE_MARGIN, C1_PITCH, C1_WIDE_DELTA_MAP, C1_C, C1_H, C1_W);
      for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
        c1WideInputGrad(p, k, c1$deltaWide, 2 + o * 50, dx, xo);
      }
    }
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 46 values each.
   */
  private static void c1TapRows(final float[] plane, final int po, final float[][] taps,
      final int to) {
    System.arraycopy(plane, po, taps[to], 0, 46);
    System.arraycopy(plane, po + 1, taps[to + 1], 0, 46);
    System.arraycopy(plane, po + 2, taps[to + 2], 0, 46);
    System.arraycopy(plane, po + 8, taps[to + 3], 0, 46);
    System.arraycopy(plane, po + 9, taps[to + 4], 0, 46);
    System.arraycopy(plane, po + 10, taps[to + 5], 0, 46);
    System.arraycopy(plane, po + 16, taps[to + 6], 0, 46);
    System.arraycopy(plane, po + 17, taps[to + 7], 0, 46);
    System.arraycopy(plane, po + 18, taps[to + 8], 0, 46);
  }

  /**
   * Gather from tap rows into a wide map: {@code acc[j] += Σ w[t] · taps[to + t][j]}.
   * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
   */
  private static void c1TapGather(final float[] w, final int wo, final float[][] taps, final int to,
      final float[] acc) {
    for (int ky = 0; ky < 3; ky++) {
      final int wr = wo + ky * 3;
      final int tr = to + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      final float[] r0 = taps[tr], r1 = taps[tr + 1], r2 = taps[tr + 2];
      for (int j = 0; j < 46; j++) {
        float s = acc[j];
        s = Math.fma(w0, r0[j], s);
        s = Math.fma(w1, r1[j], s);
        s = Math.fma(w2, r2[j], s);
        acc[j] = s;
      }
    }
  }

  /**
   * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
   * plane[j + ky·d·8] += Σ w[ky][kx] · delta[j − kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
   */
  private static void c1WideInputGrad(final float[] w, final int wo, final float[] delta,
      final int dlo, final float[] plane, final int po) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 8;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 48; j++) {
        final int c = dlo + j;
        float s = plane[pr + j];
        s = Math.fma(w0, delta[c], s);
        s = Math.fma(w1, delta[c - 1], s);
        s = Math.fma(w2, delta[c - 2], s);
        plane[pr + j] = s;
      }
    }
  }

  /**
   * Weight gradient: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
   */
  private static void c1WeightGrad(final float[] gw, final int wo, final float[] grid, final int go,
      final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (int y = 0; y < 6; y++) {
      final int row = po + y * 8;
      final int gr = go + y * 6;
      for (int x = 0; x < 6; x++) {
        final int c = row + x * 1;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 8];
        s4 += v * plane[c + 9];
        s5 += v * plane[c + 10];
        s6 += v * plane[c + 16];
        s7 += v * plane[c + 17];
        s8 += v * plane[c + 18];
      }
    }
    gw[wo] += s0;
    gw[wo + 1] += s1;
    gw[wo + 2] += s2;
    gw[wo + 3] += s3;
    gw[wo + 4] += s4;
    gw[wo + 5] += s5;
    gw[wo + 6] += s6;
    gw[wo + 7] += s7;
    gw[wo + 8] += s8;
  }

  /**
   * Forward, one sample: s2: Subsampling 2×2, tanh; 3×6×6 → 3×3×3, 6 parameters, 135 connections
   */
  private void s2Forward(int n) {
    // s2: Subsampling 2×2, tanh; 3×6×6 → 3×3×3, 6 parameters, 135 connections
    final float[] x = c1$out;
    final float[] y = s2$out;
    final int xo = n * C1_SIZE;
    final int yo = n * S2_SIZE;
    final int mo = n * S2_SIZE;
    for (int m = 0, j = 0; m < 3; m++) {
      for (int oy = 0; oy < 3; oy++) {
        final int row = xo + m * 36 + oy * 12;
        for (int ox = 0; ox < 3; ox++, j++) {
          final int c = row + ox * 2;
          final float mean = (x[c] + x[c + 1] + x[c + 6] + x[c + 7]) / 4f;
          s2$mean[mo + j] = mean;
          y[yo + j] = p[S2_WEIGHT + m] * mean + p[S2_BIAS + m];
        }
      }
    }
    for (int i = yo; i < yo + S2_SIZE; i++) {
      y[i] = FastMath.tanh(y[i]);
    }
  }

  /**
   * Backward, one sample: s2: Subsampling 2×2, tanh; 3×6×6 → 3×3×3, 6 parameters, 135 connections
   */
  private void s2Backward(int n) {
    // s2: Subsampling 2×2, tanh; 3×6×6 → 3×3×3, 6 parameters, 135 connections, backward
    final float[] y = s2$out;
    final int xo = n * C1_SIZE;
    final int yo = n * S2_SIZE;
    final float[] dy = s2$delta;
    final float[] dx = c1$delta;
    for (int i = yo; i < yo + S2_SIZE; i++) {
      dy[i] *= 1f - y[i] * y[i];
    }
    final int mo = n * S2_SIZE;
    for (int m = 0, j = 0; m < 3; m++) {
      float gw = 0, gb = 0;
      for (int k = 0; k < 9; k++, j++) {
        gw += dy[yo + j] * s2$mean[mo + j];
        gb += dy[yo + j];
      }
      g[S2_WEIGHT + m] += gw;
      g[S2_BIAS + m] += gb;
    }
    for (int m = 0, j = 0; m < 3; m++) {
      for (int oy = 0; oy < 3; oy++) {
        final int row = xo + m * 36 + oy * 12;
        for (int ox = 0; ox < 3; ox++, j++) {
          final int c = row + ox * 2;
          final float v = dy[yo + j] * p[S2_WEIGHT + m] / 4f;
          dx[c] += v;
          dx[c + 1] += v;
          dx[c + 6] += v;
          dx[c + 7] += v;
        }
      }
    }
  }

  /**
   * Forward, one sample: c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
   *
   * <p>Strategy: tap rows: stride 1 and 27 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#c3Forward}, when the JVM reads jdk.incubator.vector): tap rows: stride
   * 1 and 27 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with the Vector
   * API, forward, each tap's row read where it lies in the input map).
   */
  private void c3Forward(int n) {
    // c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.c3Forward(n);
      return;
    }
    final float[] x = s2$out;
    final float[] y = c3$out;
    final int xo = n * S2_SIZE;
    final int yo = n * C3_SIZE;
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 3; i++) {
      c3TapRows(x, xo + i * 9, c3$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(c3$acc[o], p[C3_BIAS + o]);
    }
    // map 0 ← s2 [0, 1]
    c3TapGather(p, C3_WEIGHT, c3$taps, 0, c3$acc[0]);
    c3TapGather(p, C3_WEIGHT + 9, c3$taps, 9, c3$acc[0]);
    // map 1 ← s2 [1, 2]
    c3TapGather(p, C3_WEIGHT + 18, c3$taps, 9, c3$acc[1]);
    c3TapGather(p, C3_WEIGHT + 27, c3$taps, 18, c3$acc[1]);
    for (int o = 0; o < 2; o++) {
      Planes.copy(c3$acc[o], 0, C3_PITCH, C3_WIDE_LENGTH,
          y, yo + o * C3_H * C3_W, C3_W, C3_H * C3_W, 1, C3_H, C3_W);
    }
  }

  /**
   * Backward, one sample: c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
   */
  private void c3Backward(int n) {
    // c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.c3Backward(n);
      return;
    }
    final float[] x = s2$out;
    final int xo = n * S2_SIZE;
    final int yo = n * C3_SIZE;
    final float[] dy = c3$delta;
    final float[] dx = s2$delta;
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 1;
      { // j = 0 only
        final int j = 0;
        s += dy[d + j];
      }
      g[C3_BIAS + o] += s;
    }
    // map 0 ← s2 [0, 1]
    c3WeightGrad(g, C3_WEIGHT, dy, yo, x, xo);
    c3WeightGrad(g, C3_WEIGHT + 9, dy, yo, x, xo + 9);
    // map 1 ← s2 [1, 2]
    c3WeightGrad(g, C3_WEIGHT + 18, dy, yo + 1, x, xo + 9);
    c3WeightGrad(g, C3_WEIGHT + 27, dy, yo + 1, x, xo + 18);
    // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
    Planes.copy(dy, yo, C3_W, C3_H * C3_W,
        c3$deltaWide, C3_WIDE_MARGIN, C3_PITCH, C3_WIDE_DELTA_MAP, C3_C, C3_H, C3_W);
    // map 0 ← s2 [0, 1]
    c3WideInputGrad(p, C3_WEIGHT, c3$deltaWide, 2, dx, xo);
    c3WideInputGrad(p, C3_WEIGHT + 9, c3$deltaWide, 2, dx, xo + 9);
    // map 1 ← s2 [1, 2]
    c3WideInputGrad(p, C3_WEIGHT + 18, c3$deltaWide, 7, dx, xo + 9);
    c3WideInputGrad(p, C3_WEIGHT + 27, c3$deltaWide, 7, dx, xo + 18);
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 1 values each.
   */
  private static void c3TapRows(final float[] plane, final int po, final float[][] taps,
      final int to) {
    System.arraycopy(plane, po, taps[to], 0, 1);
    System.arraycopy(plane, po + 1, taps[to + 1], 0, 1);
    System.arraycopy(plane, po + 2, taps[to + 2], 0, 1);
    System.arraycopy(plane, po + 3, taps[to + 3], 0, 1);
    System.arraycopy(plane, po + 4, taps[to + 4], 0, 1);
    System.arraycopy(plane, po + 5, taps[to + 5], 0, 1);
    System.arraycopy(plane, po + 6, taps[to + 6], 0, 1);
    System.arraycopy(plane, po + 7, taps[to + 7], 0, 1);
    System.arraycopy(plane, po + 8, taps[to + 8], 0, 1);
  }

  /**
   * Gather from tap rows into a wide map: {@code acc[j] += Σ w[t] · taps[to + t][j]}.
   * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
   */
  private static void c3TapGather(final float[] w, final int wo, final float[][] taps, final int to,
      final float[] acc) {
    for (int ky = 0; ky < 3; ky++) {
      final int wr = wo + ky * 3;
      final int tr = to + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      final float[] r0 = taps[tr], r1 = taps[tr + 1], r2 = taps[tr + 2];
      { // j = 0 only
        final int j = 0;
        float s = acc[j];
        s = Math.fma(w0, r0[j], s);
        s = Math.fma(w1, r1[j], s);
        s = Math.fma(w2, r2[j], s);
        acc[j] = s;
      }
    }
  }

  /**
   * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
   * plane[j + ky·d·3] += Σ w[ky][kx] · delta[j − kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
   */
  private static void c3WideInputGrad(final float[] w, final int wo, final float[] delta,
      final int dlo, final float[] plane, final int po) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 3;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 3; j++) {
        final int c = dlo + j;
        float s = plane[pr + j];
        s = Math.fma(w0, delta[c], s);
        s = Math.fma(w1, delta[c - 1], s);
        s = Math.fma(w2, delta[c - 2], s);
        plane[pr + j] = s;
      }
    }
  }

  /**
   * Weight gradient: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
   */
  private static void c3WeightGrad(final float[] gw, final int wo, final float[] grid, final int go,
      final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    { // y = 0 only
      final int y = 0;
      final int row = po + y * 3;
      final int gr = go + y * 1;
      { // x = 0 only
        final int x = 0;
        final int c = row + x * 1;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 3];
        s4 += v * plane[c + 4];
        s5 += v * plane[c + 5];
        s6 += v * plane[c + 6];
        s7 += v * plane[c + 7];
        s8 += v * plane[c + 8];
      }
    }
    gw[wo] += s0;
    gw[wo + 1] += s1;
    gw[wo + 2] += s2;
    gw[wo + 3] += s3;
    gw[wo + 4] += s4;
    gw[wo + 5] += s5;
    gw[wo + 6] += s6;
    gw[wo + 7] += s7;
    gw[wo + 8] += s8;
  }

  /**
   * Forward, one sample: out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outForward(n);
      return;
    }
    final float[] x = c3$out;
    final float[] y = out$out;
    final int xo = n * C3_SIZE;
    final int yo = n * OUT_SIZE;
    for (int o = 0, w = OUT_WEIGHT + 0; o < 2; o++) {
      float s = p[OUT_BIAS + o];
      for (int i = 0; i < 2; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
  }

  /**
   * Backward, one sample: out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
   */
  private void outBackward(int n) {
    // out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outBackward(n);
      return;
    }
    final float[] x = c3$out;
    final int xo = n * C3_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = c3$delta;
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 2) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 2; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 2) {
      final float d = dy[yo + o];
      for (int i = 0; i < 2; i++) {
        dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
      }
    }
  }

  /**
   * The Vector API code of the layers whose code differs with it ({@code jdk.incubator.vector}): each
   * method here replaces the enclosing class's method of the same name when {@link #vectorVariant} is set. Loaded only
   * then, so that the enclosing class runs on JVMs without the incubating module.
   */
  private final class VectorVariant {
    /**
     * The widest float vectors of this CPU ({@code FloatVector.SPECIES_PREFERRED}).
     */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /**
     * Forward, one sample: c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
     *
     * <p>Strategy: tap rows: stride 1 and 414 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void c1Forward(int n) {
      // c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
      final float[] x = input$out;
      final float[] y = c1$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * C1_SIZE;
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(x, xo, c1$planes, 0, 64);
      for (int o = 0; o < 3; o++) {
        Arrays.fill(c1$acc[o], p[C1_BIAS + o]);
      }
      for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
        c1PlaneGather(p, k, c1$planes, 0, c1$acc[o]);
      }
      for (int o = 0; o < 3; o++) {
        Planes.copy(c1$acc[o], 0, C1_PITCH, C1_WIDE_LENGTH,
            y, yo + o * C1_H * C1_W, C1_W, C1_H * C1_W, 1, C1_H, C1_W);
      }
      for (int i = yo; i < yo + C1_SIZE; i++) {
        y[i] = FastMath.tanh(y[i]);
      }
    }

    /**
     * Backward, one sample: c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections
     */
    private void c1Backward(int n) {
      // c1: Conv 3×3, tanh; 1×8×8 → 3×6×6, 30 parameters, 1,080 connections, backward
      final float[] x = input$out;
      final float[] y = c1$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * C1_SIZE;
      final float[] dy = c1$delta;
      final float[] dx = input$delta;
      for (int i = yo; i < yo + C1_SIZE; i++) {
        dy[i] *= 1f - y[i] * y[i];
      }
      for (int o = 0; o < 3; o++) {
        float s = 0;
        final int d = yo + o * 36;
        for (int j = 0; j < 36; j++) {
          s += dy[d + j];
        }
        g[C1_BIAS + o] += s;
      }
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      c1TapRows(x, xo, c1$taps, 0);
      Planes.copy(dy, yo, C1_W, C1_H * C1_W,
          c1$deltaWide, C1_WIDE_MARGIN, C1_PITCH, C1_WIDE_DELTA_MAP, C1_C, C1_H, C1_W);
      for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
        c1TapWeightGrad(g, k, c1$taps, 0, c1$deltaWide, 2 + o * 50);
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        for (int o = 0, k = C1_WEIGHT; o < 3; o++, k += 9) {
          c1WideInputGrad(p, k, c1$deltaWide, 2 + o * 50, dx, xo);
        }
      }
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 46 values each.
     */
    private static void c1TapRows(final float[] plane, final int po, final float[][] taps,
        final int to) {
      System.arraycopy(plane, po, taps[to], 0, 46);
      System.arraycopy(plane, po + 1, taps[to + 1], 0, 46);
      System.arraycopy(plane, po + 2, taps[to + 2], 0, 46);
      System.arraycopy(plane, po + 8, taps[to + 3], 0, 46);
      System.arraycopy(plane, po + 9, taps[to + 4], 0, 46);
      System.arraycopy(plane, po + 10, taps[to + 5], 0, 46);
      System.arraycopy(plane, po + 16, taps[to + 6], 0, 46);
      System.arraycopy(plane, po + 17, taps[to + 7], 0, 46);
      System.arraycopy(plane, po + 18, taps[to + 8], 0, 46);
    }

    /**
     * Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) + j]},
     * each tap's row read where it lies in the plane.
     * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
     */
    private static void c1PlaneGather(final float[] w, final int wo, final float[] plane,
        final int po, final float[] acc) {
      final int bound = SPECIES.loopBound(48);
      for (int ky = 0; ky < 3; ky++) {
        final int wr = wo + ky * 3;
        final int tr = po + ky * 8;
        final int r0 = tr, r1 = tr + 1, r2 = tr + 2;
        final FloatVector v0_0 = FloatVector.broadcast(SPECIES, w[wr]),
            v0_1 = FloatVector.broadcast(SPECIES, w[wr + 1]),
            v0_2 = FloatVector.broadcast(SPECIES, w[wr + 2]);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          FloatVector s0 = FloatVector.fromArray(SPECIES, acc, j);
          final FloatVector t0 = FloatVector.fromArray(SPECIES, plane, r0 + j);
          s0 = t0.fma(v0_0, s0);
          final FloatVector t1 = FloatVector.fromArray(SPECIES, plane, r1 + j);
          s0 = t1.fma(v0_1, s0);
          final FloatVector t2 = FloatVector.fromArray(SPECIES, plane, r2 + j);
          s0 = t2.fma(v0_2, s0);
          s0.intoArray(acc, j);
        }
        // a tail only for vectors wider than 16 lanes
        for (; j < 46; j++) {
          acc[j] = Math.fma(w[wr], plane[r0 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 1], plane[r1 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 2], plane[r2 + j], acc[j]);
        }
      }
    }

    /**
     * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
     * plane[j + ky·d·8] += Σ w[ky][kx] · delta[j − kx·d]}.
     * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
     */
    private static void c1WideInputGrad(final float[] w, final int wo, final float[] delta,
        final int dlo, final float[] plane, final int po) {
      final int bound = SPECIES.loopBound(48);
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 8;
        final int wr = wo + ky * 3;
        final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
        final FloatVector v0 = FloatVector.broadcast(SPECIES, w0),
            v1 = FloatVector.broadcast(SPECIES, w1), v2 = FloatVector.broadcast(SPECIES, w2);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          FloatVector s = FloatVector.fromArray(SPECIES, plane, pr + j);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j).fma(v0, s);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j - 1).fma(v1, s);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j - 2).fma(v2, s);
          s.intoArray(plane, pr + j);
        }
        for (; j < 48; j++) {
          final int c = dlo + j;
          float s = plane[pr + j];
          s = Math.fma(w0, delta[c], s);
          s = Math.fma(w1, delta[c - 1], s);
          s = Math.fma(w2, delta[c - 2], s);
          plane[pr + j] = s;
        }
      }
    }

    /**
     * Weight gradient from tap rows (Vector API): {@code gw[wo + t] += Σ_j delta[dlo + j] · taps[to + t][j]}.
     * <p>3×3 kernel, stride 1, dilation 1; 6×6 grid over a 8×8 plane.
     */
    private static void c1TapWeightGrad(final float[] gw, final int wo, final float[][] taps,
        final int to, final float[] delta, final int dlo) {
      final int bound = SPECIES.loopBound(46);
      for (int t = 0; t < 9; t += 4) {
        final int last = Math.min(4, 9 - t) - 1;
        final float[] r0 = taps[to + t], r1 = taps[to + t + Math.min(1, last)],
            r2 = taps[to + t + Math.min(2, last)], r3 = taps[to + t + Math.min(3, last)];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          final FloatVector v = FloatVector.fromArray(SPECIES, delta, dlo + j);
          a0 = FloatVector.fromArray(SPECIES, r0, j).fma(v, a0);
          a1 = FloatVector.fromArray(SPECIES, r1, j).fma(v, a1);
          a2 = FloatVector.fromArray(SPECIES, r2, j).fma(v, a2);
          a3 = FloatVector.fromArray(SPECIES, r3, j).fma(v, a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; j < 46; j++) {
          final float v = delta[dlo + j];
          s0 = Math.fma(v, r0[j], s0);
          s1 = Math.fma(v, r1[j], s1);
          s2 = Math.fma(v, r2[j], s2);
          s3 = Math.fma(v, r3[j], s3);
        }
        gw[wo + t] += s0;
        if (last >= 1) {
          gw[wo + t + 1] += s1;
        }
        if (last >= 2) {
          gw[wo + t + 2] += s2;
        }
        if (last >= 3) {
          gw[wo + t + 3] += s3;
        }
      }
    }

    /**
     * Forward, one sample: c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
     *
     * <p>Strategy: tap rows: stride 1 and 27 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void c3Forward(int n) {
      // c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
      final float[] x = s2$out;
      final float[] y = c3$out;
      final int xo = n * S2_SIZE;
      final int yo = n * C3_SIZE;
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(x, xo, c3$planes, 0, 27);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(c3$acc[o], p[C3_BIAS + o]);
      }
      // map 0 ← s2 [0, 1]
      c3PlaneGather(p, C3_WEIGHT, c3$planes, 0, c3$acc[0]);
      c3PlaneGather(p, C3_WEIGHT + 9, c3$planes, 9, c3$acc[0]);
      // map 1 ← s2 [1, 2]
      c3PlaneGather(p, C3_WEIGHT + 18, c3$planes, 9, c3$acc[1]);
      c3PlaneGather(p, C3_WEIGHT + 27, c3$planes, 18, c3$acc[1]);
      for (int o = 0; o < 2; o++) {
        Planes.copy(c3$acc[o], 0, C3_PITCH, C3_WIDE_LENGTH,
            y, yo + o * C3_H * C3_W, C3_W, C3_H * C3_W, 1, C3_H, C3_W);
      }
    }

    /**
     * Backward, one sample: c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections
     */
    private void c3Backward(int n) {
      // c3: Conv 3×3, table 4/6; 3×3×3 → 2×1×1, 38 parameters, 38 connections, backward
      final float[] x = s2$out;
      final int xo = n * S2_SIZE;
      final int yo = n * C3_SIZE;
      final float[] dy = c3$delta;
      final float[] dx = s2$delta;
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 1;
        { // j = 0 only
          final int j = 0;
          s += dy[d + j];
        }
        g[C3_BIAS + o] += s;
      }
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 3; i++) {
        c3TapRows(x, xo + i * 9, c3$taps, i * 9);
      }
      Planes.copy(dy, yo, C3_W, C3_H * C3_W,
          c3$deltaWide, C3_WIDE_MARGIN, C3_PITCH, C3_WIDE_DELTA_MAP, C3_C, C3_H, C3_W);
      // map 0 ← s2 [0, 1]
      c3TapWeightGrad(g, C3_WEIGHT, c3$taps, 0, c3$deltaWide, 2);
      c3TapWeightGrad(g, C3_WEIGHT + 9, c3$taps, 9, c3$deltaWide, 2);
      // map 1 ← s2 [1, 2]
      c3TapWeightGrad(g, C3_WEIGHT + 18, c3$taps, 9, c3$deltaWide, 7);
      c3TapWeightGrad(g, C3_WEIGHT + 27, c3$taps, 18, c3$deltaWide, 7);
      // map 0 ← s2 [0, 1]
      c3WideInputGrad(p, C3_WEIGHT, c3$deltaWide, 2, dx, xo);
      c3WideInputGrad(p, C3_WEIGHT + 9, c3$deltaWide, 2, dx, xo + 9);
      // map 1 ← s2 [1, 2]
      c3WideInputGrad(p, C3_WEIGHT + 18, c3$deltaWide, 7, dx, xo + 9);
      c3WideInputGrad(p, C3_WEIGHT + 27, c3$deltaWide, 7, dx, xo + 18);
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 1 values each.
     */
    private static void c3TapRows(final float[] plane, final int po, final float[][] taps,
        final int to) {
      System.arraycopy(plane, po, taps[to], 0, 1);
      System.arraycopy(plane, po + 1, taps[to + 1], 0, 1);
      System.arraycopy(plane, po + 2, taps[to + 2], 0, 1);
      System.arraycopy(plane, po + 3, taps[to + 3], 0, 1);
      System.arraycopy(plane, po + 4, taps[to + 4], 0, 1);
      System.arraycopy(plane, po + 5, taps[to + 5], 0, 1);
      System.arraycopy(plane, po + 6, taps[to + 6], 0, 1);
      System.arraycopy(plane, po + 7, taps[to + 7], 0, 1);
      System.arraycopy(plane, po + 8, taps[to + 8], 0, 1);
    }

    /**
     * Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) + j]},
     * each tap's row read where it lies in the plane.
     * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
     */
    private static void c3PlaneGather(final float[] w, final int wo, final float[] plane,
        final int po, final float[] acc) {
      final int bound = SPECIES.loopBound(16);
      for (int ky = 0; ky < 3; ky++) {
        final int wr = wo + ky * 3;
        final int tr = po + ky * 3;
        final int r0 = tr, r1 = tr + 1, r2 = tr + 2;
        final FloatVector v0_0 = FloatVector.broadcast(SPECIES, w[wr]),
            v0_1 = FloatVector.broadcast(SPECIES, w[wr + 1]),
            v0_2 = FloatVector.broadcast(SPECIES, w[wr + 2]);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          FloatVector s0 = FloatVector.fromArray(SPECIES, acc, j);
          final FloatVector t0 = FloatVector.fromArray(SPECIES, plane, r0 + j);
          s0 = t0.fma(v0_0, s0);
          final FloatVector t1 = FloatVector.fromArray(SPECIES, plane, r1 + j);
          s0 = t1.fma(v0_1, s0);
          final FloatVector t2 = FloatVector.fromArray(SPECIES, plane, r2 + j);
          s0 = t2.fma(v0_2, s0);
          s0.intoArray(acc, j);
        }
        // a tail only for vectors wider than 16 lanes
        for (; j < 1; j++) {
          acc[j] = Math.fma(w[wr], plane[r0 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 1], plane[r1 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 2], plane[r2 + j], acc[j]);
        }
      }
    }

    /**
     * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
     * plane[j + ky·d·3] += Σ w[ky][kx] · delta[j − kx·d]}.
     * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
     */
    private static void c3WideInputGrad(final float[] w, final int wo, final float[] delta,
        final int dlo, final float[] plane, final int po) {
      final int bound = SPECIES.loopBound(3);
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 3;
        final int wr = wo + ky * 3;
        final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
        final FloatVector v0 = FloatVector.broadcast(SPECIES, w0),
            v1 = FloatVector.broadcast(SPECIES, w1), v2 = FloatVector.broadcast(SPECIES, w2);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          FloatVector s = FloatVector.fromArray(SPECIES, plane, pr + j);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j).fma(v0, s);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j - 1).fma(v1, s);
          s = FloatVector.fromArray(SPECIES, delta, dlo + j - 2).fma(v2, s);
          s.intoArray(plane, pr + j);
        }
        for (; j < 3; j++) {
          final int c = dlo + j;
          float s = plane[pr + j];
          s = Math.fma(w0, delta[c], s);
          s = Math.fma(w1, delta[c - 1], s);
          s = Math.fma(w2, delta[c - 2], s);
          plane[pr + j] = s;
        }
      }
    }

    /**
     * Weight gradient from tap rows (Vector API): {@code gw[wo + t] += Σ_j delta[dlo + j] · taps[to + t][j]}.
     * <p>3×3 kernel, stride 1, dilation 1; 1×1 grid over a 3×3 plane.
     */
    private static void c3TapWeightGrad(final float[] gw, final int wo, final float[][] taps,
        final int to, final float[] delta, final int dlo) {
      final int bound = SPECIES.loopBound(1);
      for (int t = 0; t < 9; t += 4) {
        final int last = Math.min(4, 9 - t) - 1;
        final float[] r0 = taps[to + t], r1 = taps[to + t + Math.min(1, last)],
            r2 = taps[to + t + Math.min(2, last)], r3 = taps[to + t + Math.min(3, last)];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
          final FloatVector v = FloatVector.fromArray(SPECIES, delta, dlo + j);
          a0 = FloatVector.fromArray(SPECIES, r0, j).fma(v, a0);
          a1 = FloatVector.fromArray(SPECIES, r1, j).fma(v, a1);
          a2 = FloatVector.fromArray(SPECIES, r2, j).fma(v, a2);
          a3 = FloatVector.fromArray(SPECIES, r3, j).fma(v, a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; j < 1; j++) {
          final float v = delta[dlo + j];
          s0 = Math.fma(v, r0[j], s0);
          s1 = Math.fma(v, r1[j], s1);
          s2 = Math.fma(v, r2[j], s2);
          s3 = Math.fma(v, r3[j], s3);
        }
        gw[wo + t] += s0;
        if (last >= 1) {
          gw[wo + t + 1] += s1;
        }
        if (last >= 2) {
          gw[wo + t + 2] += s2;
        }
        if (last >= 3) {
          gw[wo + t + 3] += s3;
        }
      }
    }

    /**
     * Forward, one sample: out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
     */
    private void outForward(int n) {
      // out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
      final float[] x = c3$out;
      final float[] y = out$out;
      final int xo = n * C3_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(2);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 2;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 2;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 2;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 2;
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
          final FloatVector v = FloatVector.fromArray(SPECIES, x, xo + i);
          a0 = FloatVector.fromArray(SPECIES, p, w0 + i).fma(v, a0);
          a1 = FloatVector.fromArray(SPECIES, p, w1 + i).fma(v, a1);
          a2 = FloatVector.fromArray(SPECIES, p, w2 + i).fma(v, a2);
          a3 = FloatVector.fromArray(SPECIES, p, w3 + i).fma(v, a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; i < 2; i++) {
          final float v = x[xo + i];
          s0 = Math.fma(p[w0 + i], v, s0);
          s1 = Math.fma(p[w1 + i], v, s1);
          s2 = Math.fma(p[w2 + i], v, s2);
          s3 = Math.fma(p[w3 + i], v, s3);
        }
        y[yo + o] = p[OUT_BIAS + o + 0] + s0;
        if (rows > 1) {
          y[yo + o + 1] = p[OUT_BIAS + o + 1] + s1;
        }
        if (rows > 2) {
          y[yo + o + 2] = p[OUT_BIAS + o + 2] + s2;
        }
        if (rows > 3) {
          y[yo + o + 3] = p[OUT_BIAS + o + 3] + s3;
        }
      }
    }

    /**
     * Backward, one sample: out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections
     */
    private void outBackward(int n) {
      // out: Dense (flattens 2×1×1); 2×1×1 → 2, 6 parameters, 6 connections, backward
      final float[] x = c3$out;
      final int xo = n * C3_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = c3$delta;
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 2) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(2); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 2; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 2) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(2); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 2; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
