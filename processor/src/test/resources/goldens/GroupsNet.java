package golden;

import dev.convnet.runtime.CompiledNetwork;
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
import dev.convnet.runtime.internal.MaxPool;
import dev.convnet.runtime.internal.NetworkInfo;
import dev.convnet.runtime.internal.Relu;
import dev.convnet.runtime.internal.Vectorization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The network {@link golden.Groups}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    4×6×6                   0              0
 * conv           Conv 3×3, groups 2, ReLU                 4×4×4                  76          1,216
 * pool           MaxPool 2×2                              4×2×2                   0             64
 * out            Dense (flattens 4×2×2)                   2                      34             34
 * total                                                                         110          1,314
 * </pre>
 * 110 trainable parameters; 1,184 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.Groups"
)
public final class GroupsNet extends GeneratedNetwork {
  public static final String NAME = "Groups";

  /**
   * input: 4×6×6
   */
  public static final int INPUT_C = 4;

  public static final int INPUT_H = 6;

  public static final int INPUT_W = 6;

  public static final int INPUT_SIZE = 144;

  /**
   * conv: 4×4×4
   */
  public static final int CONV_C = 4;

  public static final int CONV_H = 4;

  public static final int CONV_W = 4;

  public static final int CONV_SIZE = 64;

  /**
   * pool: 4×2×2
   */
  public static final int POOL_C = 4;

  public static final int POOL_H = 2;

  public static final int POOL_W = 2;

  public static final int POOL_SIZE = 16;

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
  public static final long PARAMETER_COUNT = 110L;

  /**
   * Multiply-accumulates per sample in the forward pass (1,184).
   */
  public static final long MACS = 1184L;

  /**
   * Offset of conv.weight (72 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of conv.bias (4 values) in the parameter buffer.
   */
  static final int CONV_BIAS = 72;

  /**
   * Offset of out.weight (32 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 76;

  /**
   * Offset of out.bias (2 values) in the parameter buffer.
   */
  static final int OUT_BIAS = 108;

  /**
   * Names, shapes and offsets of the 110 parameters.
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
  static final String FORMER_FINGERPRINT = "e2032ebecd77b5e82aff4769a8abf5a1";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

  /**
   * Row pitch of conv's input planes and wide rows.
   */
  private static final int CONV_PITCH = 6;

  /**
   * Values of one of conv's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4 long.
   */
  private static final int CONV_WIDE_LENGTH = 22;

  /**
   * Zeros before each of conv's wide delta maps.
   */
  private static final int CONV_WIDE_MARGIN = 2;

  /**
   * Values of one of conv's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int CONV_WIDE_DELTA_MAP = 26;

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
   * input: activations, 4×6×6 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 4×4×4 per sample.
   */
  private float[] conv$out;

  /**
   * conv: d(loss)/d(activations).
   */
  private float[] conv$delta;

  /**
   * pool: activations, 4×2×2 per sample.
   */
  private float[] pool$out;

  /**
   * pool: d(loss)/d(activations).
   */
  private float[] pool$delta;

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
  private float[][] conv$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] conv$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] conv$deltaWide;

  /**
   * the maximum down each column of one row of windows.
   */
  private float[] pool$cols;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] conv$planes;

  /**
   * The 2 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public GroupsNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public GroupsNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {4, 2, 3, 3}, 18, 18);
    b.add("conv.bias", "conv", ParamSlot.Role.BIAS, new int[] {4}, 18, 18);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 16}, 16, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 16, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(4, 6, 6), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 3×3, groups 2, ReLU", List.of("input"),
        Shape.map(4, 4, 4), 76L, 1216L, 1152L));
    l.add(new LayerInfo("pool", "MaxPool 2×2", List.of("conv"), Shape.map(4, 2, 2), 0L, 64L, 0L));
    l.add(new LayerInfo("out", "Dense (flattens 4×2×2)", List.of("pool"),
        Shape.vector(2), 34L, 34L, 32L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(4, 6, 6)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(4, 4, 4), "filters", "4",
        "kernel", "3x3", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "2", "bias",
        "true", "activation", "relu"));
    a.add(LayerSpec.of("pool", "max_pool", List.of("conv"), Shape.map(4, 2, 2), "window", "2x2",
        "stride", "2x2", "pad", "0x0", "ceil", "false"));
    a.add(LayerSpec.of("out", "dense", List.of("pool"), Shape.vector(2), "units", "2", "bias",
        "true", "activation", "identity"));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    conv$out = new float[0];
    conv$delta = new float[0];
    pool$out = new float[0];
    pool$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    conv$taps = new float[36][32];
    conv$acc = new float[4][32];
    conv$deltaWide = new float[104];
    pool$cols = new float[4];
    conv$planes = new float[154];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new GroupsNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    GroupsNet w = new GroupsNet(sharedParameters());
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
      convForward(n);
    }
    endLayer(1, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      poolForward(n);
    }
    endLayer(2, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outForward(n);
    }
    endLayer(3, false);
  }

  @Override
  protected void backwardLayers() {
    if (inputGradient) {
      Arrays.fill(input$delta, 0, batch * INPUT_SIZE, 0f);
    }
    Arrays.fill(conv$delta, 0, batch * CONV_SIZE, 0f);
    Arrays.fill(pool$delta, 0, batch * POOL_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(3, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      poolBackward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      convBackward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return conv$out;
      case 2: return pool$out;
      case 3: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return conv$delta;
      case 2: return pool$delta;
      case 3: return out$delta;
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
    conv$out = new float[batch * CONV_SIZE];
    conv$delta = new float[batch * CONV_SIZE];
    pool$out = new float[batch * POOL_SIZE];
    pool$delta = new float[batch * POOL_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
   *
   * <p>Strategy: tap rows: stride 1 and 792 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#convForward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 792 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void convForward(int n) {
    // conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.convForward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = conv$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 4; i++) {
      convTapRows(x, xo + i * 36, conv$taps, i * 9);
    }
    for (int o = 0; o < 4; o++) {
      Arrays.fill(conv$acc[o], p[CONV_BIAS + o]);
    }
    // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
    for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
      for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
        convTapGather(p, k, conv$taps, i * 9, conv$acc[o]);
      }
    }
    for (int o = 0; o < 4; o++) {
      Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
          y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
    }
    for (int i = yo; i < yo + CONV_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
   */
  private void convBackward(int n) {
    // conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.convBackward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = conv$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    final float[] dy = conv$delta;
    final float[] dx = input$delta;
    Relu.backward(y, dy, yo, CONV_SIZE);
    for (int o = 0; o < 4; o++) {
      float s = 0;
      final int d = yo + o * 16;
      for (int j = 0; j < 16; j++) {
        s += dy[d + j];
      }
      g[CONV_BIAS + o] += s;
    }
    // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
    for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
      for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
        convWeightGrad(g, k, dy, yo + o * 16, x, xo + i * 36);
      }
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
      for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
        for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
          convWideInputGrad(p, k, conv$deltaWide, 2 + o * 26, dx, xo + i * 36);
        }
      }
    }
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void convTapRows(final float[] plane, final int po, final float[][] taps,
      final int to) {
    System.arraycopy(plane, po, taps[to], 0, 22);
    System.arraycopy(plane, po + 1, taps[to + 1], 0, 22);
    System.arraycopy(plane, po + 2, taps[to + 2], 0, 22);
    System.arraycopy(plane, po + 6, taps[to + 3], 0, 22);
    System.arraycopy(plane, po + 7, taps[to + 4], 0, 22);
    System.arraycopy(plane, po + 8, taps[to + 5], 0, 22);
    System.arraycopy(plane, po + 12, taps[to + 6], 0, 22);
    System.arraycopy(plane, po + 13, taps[to + 7], 0, 22);
    System.arraycopy(plane, po + 14, taps[to + 8], 0, 22);
  }

  /**
   * Gather from tap rows into a wide map: {@code acc[j] += Σ w[t] · taps[to + t][j]}.
   * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
   */
  private static void convTapGather(final float[] w, final int wo, final float[][] taps,
      final int to, final float[] acc) {
    for (int ky = 0; ky < 3; ky++) {
      final int wr = wo + ky * 3;
      final int tr = to + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      final float[] r0 = taps[tr], r1 = taps[tr + 1], r2 = taps[tr + 2];
      for (int j = 0; j < 22; j++) {
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
   * plane[j + ky·d·6] += Σ w[ky][kx] · delta[j − kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
   */
  private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
      final int dlo, final float[] plane, final int po) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 6;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 24; j++) {
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
   * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
   */
  private static void convWeightGrad(final float[] gw, final int wo, final float[] grid,
      final int go, final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (int y = 0; y < 4; y++) {
      final int row = po + y * 6;
      final int gr = go + y * 4;
      for (int x = 0; x < 4; x++) {
        final int c = row + x * 1;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 6];
        s4 += v * plane[c + 7];
        s5 += v * plane[c + 8];
        s6 += v * plane[c + 12];
        s7 += v * plane[c + 13];
        s8 += v * plane[c + 14];
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
   * Forward, one sample: pool: MaxPool 2×2; 4×4×4 → 4×2×2, 0 parameters, 64 connections
   */
  private void poolForward(int n) {
    // pool: MaxPool 2×2; 4×4×4 → 4×2×2, 0 parameters, 64 connections
    final float[] x = conv$out;
    final float[] y = pool$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * POOL_SIZE;
    for (int m = 0, j = 0; m < 4; m++) {
      for (int oy = 0; oy < 2; oy++) {
        final int row = xo + m * 16 + oy * 8;
        for (int i = 0; i < 4; i++) {
          pool$cols[i] = Math.max(x[row + i], x[row + i + 4]);
        }
        for (int ox = 0; ox < 2; ox++, j++) {
          final int c = ox * 2;
          y[yo + j] = Math.max(pool$cols[c], pool$cols[c + 1]);
        }
      }
    }
  }

  /**
   * Backward, one sample: pool: MaxPool 2×2; 4×4×4 → 4×2×2, 0 parameters, 64 connections
   */
  private void poolBackward(int n) {
    // pool: MaxPool 2×2; 4×4×4 → 4×2×2, 0 parameters, 64 connections, backward
    final float[] x = conv$out;
    final float[] y = pool$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * POOL_SIZE;
    final float[] dy = pool$delta;
    final float[] dx = conv$delta;
    for (int m = 0, j = 0; m < 4; m++) {
      for (int oy = 0; oy < 2; oy++) {
        final int row = xo + m * 16 + oy * 8;
        for (int ox = 0; ox < 2; ox++, j++) {
          final int c = row + ox * 2;
          final float max = y[yo + j];
          final int hit = MaxPool.hit(x[c], max, 0) | MaxPool.hit(x[c + 1], max, 1) |
              MaxPool.hit(x[c + 4], max, 2) | MaxPool.hit(x[c + 5], max, 3);
          final int t = Integer.numberOfTrailingZeros(hit == 0 ? 1 : hit);
          dx[c + t / 2 * 4 + t % 2] += dy[yo + j];
        }
      }
    }
  }

  /**
   * Forward, one sample: out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outForward(n);
      return;
    }
    final float[] x = pool$out;
    final float[] y = out$out;
    final int xo = n * POOL_SIZE;
    final int yo = n * OUT_SIZE;
    for (int o = 0, w = OUT_WEIGHT + 0; o < 2; o++) {
      float s = p[OUT_BIAS + o];
      for (int i = 0; i < 16; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
  }

  /**
   * Backward, one sample: out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
   */
  private void outBackward(int n) {
    // out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outBackward(n);
      return;
    }
    final float[] x = pool$out;
    final int xo = n * POOL_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = pool$delta;
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 16) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 16; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 16) {
      final float d = dy[yo + o];
      for (int i = 0; i < 16; i++) {
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
     * Forward, one sample: conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
     *
     * <p>Strategy: tap rows: stride 1 and 792 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void convForward(int n) {
      // conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(x, xo, conv$planes, 0, 144);
      for (int o = 0; o < 4; o++) {
        Arrays.fill(conv$acc[o], p[CONV_BIAS + o]);
      }
      // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
      for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
        for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
          convPlaneGather(p, k, conv$planes, i * 36, conv$acc[o]);
        }
      }
      for (int o = 0; o < 4; o++) {
        Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
            y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
      }
      for (int i = yo; i < yo + CONV_SIZE; i++) {
        y[i] = Math.max(0f, y[i]);
      }
    }

    /**
     * Backward, one sample: conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections
     */
    private void convBackward(int n) {
      // conv: Conv 3×3, groups 2, ReLU; 4×6×6 → 4×4×4, 76 parameters, 1,216 connections, backward
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      final float[] dy = conv$delta;
      final float[] dx = input$delta;
      Relu.backward(y, dy, yo, CONV_SIZE);
      for (int o = 0; o < 4; o++) {
        float s = 0;
        final int d = yo + o * 16;
        for (int j = 0; j < 16; j++) {
          s += dy[d + j];
        }
        g[CONV_BIAS + o] += s;
      }
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 4; i++) {
        convTapRows(x, xo + i * 36, conv$taps, i * 9);
      }
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
      for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
        for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
          convTapWeightGrad(g, k, conv$taps, i * 9, conv$deltaWide, 2 + o * 26);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        // 2 groups: output maps [g·2, (g+1)·2) read input maps [g·2, (g+1)·2)
        for (int o = 0, k = CONV_WEIGHT; o < 4; o++) {
          for (int i = o / 2 * 2, end = i + 2; i < end; i++, k += 9) {
            convWideInputGrad(p, k, conv$deltaWide, 2 + o * 26, dx, xo + i * 36);
          }
        }
      }
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 22 values each.
     */
    private static void convTapRows(final float[] plane, final int po, final float[][] taps,
        final int to) {
      System.arraycopy(plane, po, taps[to], 0, 22);
      System.arraycopy(plane, po + 1, taps[to + 1], 0, 22);
      System.arraycopy(plane, po + 2, taps[to + 2], 0, 22);
      System.arraycopy(plane, po + 6, taps[to + 3], 0, 22);
      System.arraycopy(plane, po + 7, taps[to + 4], 0, 22);
      System.arraycopy(plane, po + 8, taps[to + 5], 0, 22);
      System.arraycopy(plane, po + 12, taps[to + 6], 0, 22);
      System.arraycopy(plane, po + 13, taps[to + 7], 0, 22);
      System.arraycopy(plane, po + 14, taps[to + 8], 0, 22);
    }

    /**
     * Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) + j]},
     * each tap's row read where it lies in the plane.
     * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
     */
    private static void convPlaneGather(final float[] w, final int wo, final float[] plane,
        final int po, final float[] acc) {
      final int bound = SPECIES.loopBound(32);
      for (int ky = 0; ky < 3; ky++) {
        final int wr = wo + ky * 3;
        final int tr = po + ky * 6;
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
        for (; j < 22; j++) {
          acc[j] = Math.fma(w[wr], plane[r0 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 1], plane[r1 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 2], plane[r2 + j], acc[j]);
        }
      }
    }

    /**
     * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
     * plane[j + ky·d·6] += Σ w[ky][kx] · delta[j − kx·d]}.
     * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
     */
    private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
        final int dlo, final float[] plane, final int po) {
      final int bound = SPECIES.loopBound(24);
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 6;
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
        for (; j < 24; j++) {
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
     * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
     */
    private static void convTapWeightGrad(final float[] gw, final int wo, final float[][] taps,
        final int to, final float[] delta, final int dlo) {
      final int bound = SPECIES.loopBound(22);
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
        for (; j < 22; j++) {
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
     * Forward, one sample: out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
     */
    private void outForward(int n) {
      // out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
      final float[] x = pool$out;
      final float[] y = out$out;
      final int xo = n * POOL_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(16);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 16;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 16;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 16;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 16;
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
        for (; i < 16; i++) {
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
     * Backward, one sample: out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections
     */
    private void outBackward(int n) {
      // out: Dense (flattens 4×2×2); 4×2×2 → 2, 34 parameters, 34 connections, backward
      final float[] x = pool$out;
      final int xo = n * POOL_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = pool$delta;
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 16) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(16); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 16; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 16) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(16); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 16; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
