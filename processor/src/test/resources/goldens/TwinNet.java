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
 * The network {@link golden.Twin}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    1×4×4                   0              0
 * conv           Conv 3×3, sigmoid                        2×2×2                  20             80
 * out            Dense (flattens 2×2×2), softmax          2                      18             18
 * total                                                                          38             98
 * </pre>
 * 38 trainable parameters; 88 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.Twin"
)
public final class TwinNet extends GeneratedNetwork {
  public static final String NAME = "Twin";

  /**
   * input: 1×4×4
   */
  public static final int INPUT_C = 1;

  public static final int INPUT_H = 4;

  public static final int INPUT_W = 4;

  public static final int INPUT_SIZE = 16;

  /**
   * conv: 2×2×2
   */
  public static final int CONV_C = 2;

  public static final int CONV_H = 2;

  public static final int CONV_W = 2;

  public static final int CONV_SIZE = 8;

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
  public static final long PARAMETER_COUNT = 38L;

  /**
   * Multiply-accumulates per sample in the forward pass (88).
   */
  public static final long MACS = 88L;

  /**
   * Offset of conv.weight (18 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of conv.bias (2 values) in the parameter buffer.
   */
  static final int CONV_BIAS = 18;

  /**
   * Offset of out.weight (16 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 20;

  /**
   * Offset of out.bias (2 values) in the parameter buffer.
   */
  static final int OUT_BIAS = 36;

  /**
   * Names, shapes and offsets of the 38 parameters.
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
  static final String FORMER_FINGERPRINT = "6d5202735196d9f95125dc61f922e8fc";

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
  private static final int CONV_PITCH = 4;

  /**
   * Values of one of conv's wide output maps up to its last output: 2 rows at the input's pitch, the last one 2 long.
   */
  private static final int CONV_WIDE_LENGTH = 6;

  /**
   * Zeros before each of conv's wide delta maps.
   */
  private static final int CONV_WIDE_MARGIN = 2;

  /**
   * Values of one of conv's wide delta maps: its zero margin, then 2 rows at the input's pitch.
   */
  private static final int CONV_WIDE_DELTA_MAP = 10;

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
   * input: activations, 1×4×4 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 2×2×2 per sample.
   */
  private float[] conv$out;

  /**
   * conv: d(loss)/d(activations).
   */
  private float[] conv$delta;

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
  public TwinNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public TwinNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {2, 1, 3, 3}, 9, 18);
    b.add("conv.bias", "conv", ParamSlot.Role.BIAS, new int[] {2}, 9, 18);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 8}, 8, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 8, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(1, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 3×3, sigmoid", List.of("input"),
        Shape.map(2, 2, 2), 20L, 80L, 72L));
    l.add(new LayerInfo("out", "Dense (flattens 2×2×2), softmax", List.of("conv"),
        Shape.vector(2), 18L, 18L, 16L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(1, 4, 4)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(2, 2, 2), "filters", "2",
        "kernel", "3x3", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "sigmoid"));
    a.add(LayerSpec.of("out", "dense", List.of("conv"), Shape.vector(2), "units", "2", "bias",
        "true", "activation", "softmax"));
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
    out$out = new float[0];
    out$delta = new float[0];
    conv$taps = new float[9][16];
    conv$acc = new float[2][16];
    conv$deltaWide = new float[20];
    conv$planes = new float[26];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new TwinNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    TwinNet w = new TwinNet(sharedParameters());
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
      outForward(n);
    }
    endLayer(2, false);
  }

  @Override
  protected void backwardLayers() {
    if (inputGradient) {
      Arrays.fill(input$delta, 0, batch * INPUT_SIZE, 0f);
    }
    Arrays.fill(conv$delta, 0, batch * CONV_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
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
      case 2: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return conv$delta;
      case 2: return out$delta;
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
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
   *
   * <p>Strategy: tap rows: stride 1 and 54 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#convForward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 54 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with the
   * Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void convForward(int n) {
    // conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
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
    convTapRows(x, xo, conv$taps, 0);
    for (int o = 0; o < 2; o++) {
      Arrays.fill(conv$acc[o], p[CONV_BIAS + o]);
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
      convTapGather(p, k, conv$taps, 0, conv$acc[o]);
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
          y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
    }
    for (int i = yo; i < yo + CONV_SIZE; i++) {
      y[i] = (float) (1.0 / (1.0 + Math.exp(-y[i])));
    }
  }

  /**
   * Backward, one sample: conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
   */
  private void convBackward(int n) {
    // conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections, backward
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
    for (int i = yo; i < yo + CONV_SIZE; i++) {
      dy[i] *= y[i] * (1f - y[i]);
    }
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 4;
      for (int j = 0; j < 4; j++) {
        s += dy[d + j];
      }
      g[CONV_BIAS + o] += s;
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
      convWeightGrad(g, k, dy, yo + o * 4, x, xo);
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
        convWideInputGrad(p, k, conv$deltaWide, 2 + o * 10, dx, xo);
      }
    }
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 6 values each.
   */
  private static void convTapRows(final float[] plane, final int po, final float[][] taps,
      final int to) {
    System.arraycopy(plane, po, taps[to], 0, 6);
    System.arraycopy(plane, po + 1, taps[to + 1], 0, 6);
    System.arraycopy(plane, po + 2, taps[to + 2], 0, 6);
    System.arraycopy(plane, po + 4, taps[to + 3], 0, 6);
    System.arraycopy(plane, po + 5, taps[to + 4], 0, 6);
    System.arraycopy(plane, po + 6, taps[to + 5], 0, 6);
    System.arraycopy(plane, po + 8, taps[to + 6], 0, 6);
    System.arraycopy(plane, po + 9, taps[to + 7], 0, 6);
    System.arraycopy(plane, po + 10, taps[to + 8], 0, 6);
  }

  /**
   * Gather from tap rows into a wide map: {@code acc[j] += Σ w[t] · taps[to + t][j]}.
   * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
   */
  private static void convTapGather(final float[] w, final int wo, final float[][] taps,
      final int to, final float[] acc) {
    for (int ky = 0; ky < 3; ky++) {
      final int wr = wo + ky * 3;
      final int tr = to + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      final float[] r0 = taps[tr], r1 = taps[tr + 1], r2 = taps[tr + 2];
      for (int j = 0; j < 6; j++) {
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
   * plane[j + ky·d·4] += Σ w[ky][kx] · delta[j − kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
   */
  private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
      final int dlo, final float[] plane, final int po) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 4;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 8; j++) {
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
   * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
   */
  private static void convWeightGrad(final float[] gw, final int wo, final float[] grid,
      final int go, final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (int y = 0; y < 2; y++) {
      final int row = po + y * 4;
      final int gr = go + y * 2;
      for (int x = 0; x < 2; x++) {
        final int c = row + x * 1;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 4];
        s4 += v * plane[c + 5];
        s5 += v * plane[c + 6];
        s6 += v * plane[c + 8];
        s7 += v * plane[c + 9];
        s8 += v * plane[c + 10];
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
   * Forward, one sample: out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outForward(n);
      return;
    }
    final float[] x = conv$out;
    final float[] y = out$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * OUT_SIZE;
    for (int o = 0, w = OUT_WEIGHT + 0; o < 2; o++) {
      float s = p[OUT_BIAS + o];
      for (int i = 0; i < 8; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
    // softmax over the sample, shifted by its maximum for stability
    float max = y[yo];
    for (int i = yo + 1; i < yo + OUT_SIZE; i++) {
      max = Math.max(max, y[i]);
    }
    double sum = 0;
    for (int i = yo; i < yo + OUT_SIZE; i++) {
      float e = (float) Math.exp(y[i] - max);
      y[i] = e;
      sum += e;
    }
    final float inv = (float) (1.0 / sum);
    for (int i = yo; i < yo + OUT_SIZE; i++) {
      y[i] *= inv;
    }
  }

  /**
   * Backward, one sample: out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
   */
  private void outBackward(int n) {
    // out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outBackward(n);
      return;
    }
    final float[] x = conv$out;
    final float[] y = out$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = conv$delta;
    // softmax Jacobian: dz_i = y_i · (dy_i − Σ_j dy_j · y_j)
    double dot = 0;
    for (int i = yo; i < yo + OUT_SIZE; i++) {
      dot += dy[i] * y[i];
    }
    final float dotT = (float) dot;
    for (int i = yo; i < yo + OUT_SIZE; i++) {
      dy[i] = y[i] * (dy[i] - dotT);
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 8) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 8; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 8) {
      final float d = dy[yo + o];
      for (int i = 0; i < 8; i++) {
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
     * Forward, one sample: conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
     *
     * <p>Strategy: tap rows: stride 1 and 54 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void convForward(int n) {
      // conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(x, xo, conv$planes, 0, 16);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(conv$acc[o], p[CONV_BIAS + o]);
      }
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
        convPlaneGather(p, k, conv$planes, 0, conv$acc[o]);
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
            y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
      }
      for (int i = yo; i < yo + CONV_SIZE; i++) {
        y[i] = (float) (1.0 / (1.0 + Math.exp(-y[i])));
      }
    }

    /**
     * Backward, one sample: conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections
     */
    private void convBackward(int n) {
      // conv: Conv 3×3, sigmoid; 1×4×4 → 2×2×2, 20 parameters, 80 connections, backward
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      final float[] dy = conv$delta;
      final float[] dx = input$delta;
      for (int i = yo; i < yo + CONV_SIZE; i++) {
        dy[i] *= y[i] * (1f - y[i]);
      }
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 4;
        for (int j = 0; j < 4; j++) {
          s += dy[d + j];
        }
        g[CONV_BIAS + o] += s;
      }
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      convTapRows(x, xo, conv$taps, 0);
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
        convTapWeightGrad(g, k, conv$taps, 0, conv$deltaWide, 2 + o * 10);
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
          convWideInputGrad(p, k, conv$deltaWide, 2 + o * 10, dx, xo);
        }
      }
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 6 values each.
     */
    private static void convTapRows(final float[] plane, final int po, final float[][] taps,
        final int to) {
      System.arraycopy(plane, po, taps[to], 0, 6);
      System.arraycopy(plane, po + 1, taps[to + 1], 0, 6);
      System.arraycopy(plane, po + 2, taps[to + 2], 0, 6);
      System.arraycopy(plane, po + 4, taps[to + 3], 0, 6);
      System.arraycopy(plane, po + 5, taps[to + 4], 0, 6);
      System.arraycopy(plane, po + 6, taps[to + 5], 0, 6);
      System.arraycopy(plane, po + 8, taps[to + 6], 0, 6);
      System.arraycopy(plane, po + 9, taps[to + 7], 0, 6);
      System.arraycopy(plane, po + 10, taps[to + 8], 0, 6);
    }

    /**
     * Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) + j]},
     * each tap's row read where it lies in the plane.
     * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
     */
    private static void convPlaneGather(final float[] w, final int wo, final float[] plane,
        final int po, final float[] acc) {
      final int bound = SPECIES.loopBound(16);
      for (int ky = 0; ky < 3; ky++) {
        final int wr = wo + ky * 3;
        final int tr = po + ky * 4;
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
        for (; j < 6; j++) {
          acc[j] = Math.fma(w[wr], plane[r0 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 1], plane[r1 + j], acc[j]);
          acc[j] = Math.fma(w[wr + 2], plane[r2 + j], acc[j]);
        }
      }
    }

    /**
     * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
     * plane[j + ky·d·4] += Σ w[ky][kx] · delta[j − kx·d]}.
     * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
     */
    private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
        final int dlo, final float[] plane, final int po) {
      final int bound = SPECIES.loopBound(8);
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 4;
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
        for (; j < 8; j++) {
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
     * <p>3×3 kernel, stride 1, dilation 1; 2×2 grid over a 4×4 plane.
     */
    private static void convTapWeightGrad(final float[] gw, final int wo, final float[][] taps,
        final int to, final float[] delta, final int dlo) {
      final int bound = SPECIES.loopBound(6);
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
        for (; j < 6; j++) {
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
     * Forward, one sample: out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
     */
    private void outForward(int n) {
      // out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
      final float[] x = conv$out;
      final float[] y = out$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(8);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 8;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 8;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 8;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 8;
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
        for (; i < 8; i++) {
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
      // softmax over the sample, shifted by its maximum for stability
      float max = y[yo];
      for (int i = yo + 1; i < yo + OUT_SIZE; i++) {
        max = Math.max(max, y[i]);
      }
      double sum = 0;
      for (int i = yo; i < yo + OUT_SIZE; i++) {
        float e = (float) Math.exp(y[i] - max);
        y[i] = e;
        sum += e;
      }
      final float inv = (float) (1.0 / sum);
      for (int i = yo; i < yo + OUT_SIZE; i++) {
        y[i] *= inv;
      }
    }

    /**
     * Backward, one sample: out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections
     */
    private void outBackward(int n) {
      // out: Dense (flattens 2×2×2), softmax; 2×2×2 → 2, 18 parameters, 18 connections, backward
      final float[] x = conv$out;
      final float[] y = out$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = conv$delta;
      // softmax Jacobian: dz_i = y_i · (dy_i − Σ_j dy_j · y_j)
      double dot = 0;
      for (int i = yo; i < yo + OUT_SIZE; i++) {
        dot += dy[i] * y[i];
      }
      final float dotT = (float) dot;
      for (int i = yo; i < yo + OUT_SIZE; i++) {
        dy[i] = y[i] * (dy[i] - dotT);
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 8) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(8); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 8; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 8) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(8); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 8; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
