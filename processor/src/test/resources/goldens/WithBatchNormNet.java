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
 * The network {@link golden.WithBatchNorm}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    2×4×4                   0              0
 * conv           Conv 3×3, pad 1, no bias                 2×4×4                  36            576
 * bn             BatchNorm, ReLU                          2×4×4                   4              0
 * out            GlobalAvgPool 4×4                        2                       0              0
 * total                                                                          40            576
 * </pre>
 * 40 trainable parameters and 4 running statistics; 576 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.WithBatchNorm"
)
public final class WithBatchNormNet extends GeneratedNetwork {
  public static final String NAME = "WithBatchNorm";

  /**
   * input: 2×4×4
   */
  public static final int INPUT_C = 2;

  public static final int INPUT_H = 4;

  public static final int INPUT_W = 4;

  public static final int INPUT_SIZE = 32;

  /**
   * conv: 2×4×4
   */
  public static final int CONV_C = 2;

  public static final int CONV_H = 4;

  public static final int CONV_W = 4;

  public static final int CONV_SIZE = 32;

  /**
   * bn: 2×4×4
   */
  public static final int BN_C = 2;

  public static final int BN_H = 4;

  public static final int BN_W = 4;

  public static final int BN_SIZE = 32;

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
  public static final long PARAMETER_COUNT = 40L;

  /**
   * Multiply-accumulates per sample in the forward pass (576).
   */
  public static final long MACS = 576L;

  /**
   * Offset of the buffer bn.running_mean (2 values) in the buffer array.
   */
  static final int BN_RUNNING_MEAN = 0;

  /**
   * Offset of the buffer bn.running_var (2 values) in the buffer array.
   */
  static final int BN_RUNNING_VAR = 2;

  /**
   * Offset of conv.weight (36 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of bn.weight (2 values) in the parameter buffer.
   */
  static final int BN_WEIGHT = 36;

  /**
   * Offset of bn.bias (2 values) in the parameter buffer.
   */
  static final int BN_BIAS = 38;

  /**
   * Names, shapes and offsets of the 40 parameters.
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
  static final String FORMER_FINGERPRINT = "a487d7aa090e8d14ca7d2c0558ef1d1b";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

  /**
   * First value of the input map in conv's padded planes: row 1, column 1 (numbered from 0).
   */
  private static final int CONV_PAD_START = 7;

  /**
   * Row pitch of conv's padded input planes and wide rows.
   */
  private static final int CONV_PITCH = 6;

  /**
   * Values of one of conv's padded input planes: 6 rows × 6.
   */
  private static final int CONV_PAD_PLANE = 36;

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
   * input: activations, 2×4×4 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 2×4×4 per sample.
   */
  private float[] conv$out;

  /**
   * conv: d(loss)/d(activations).
   */
  private float[] conv$delta;

  /**
   * bn: activations, 2×4×4 per sample.
   */
  private float[] bn$out;

  /**
   * bn: d(loss)/d(activations).
   */
  private float[] bn$delta;

  /**
   * out: activations, 2 per sample.
   */
  private float[] out$out;

  /**
   * out: d(loss)/d(activations).
   */
  private float[] out$delta;

  /**
   * the input sample with its zero border.
   */
  private float[] conv$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] conv$padDelta;

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
   * the mean each channel was normalized with in the last forward pass.
   */
  private double[] bn$mean;

  /**
   * 1/sqrt(variance + eps) of each channel in the last forward pass.
   */
  private double[] bn$inv;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] conv$planes;

  /**
   * The 1 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public WithBatchNormNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public WithBatchNormNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {2, 2, 3, 3}, 18, 18);
    b.add("bn.weight", "bn", ParamSlot.Role.SCALE, new int[] {2}, 1, 1);
    b.add("bn.bias", "bn", ParamSlot.Role.SHIFT, new int[] {2}, 1, 1);
    b.addBuffer("bn.running_mean", "bn", new int[] {2}, 0.0f);
    b.addBuffer("bn.running_var", "bn", new int[] {2}, 1.0f);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(2, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 3×3, pad 1, no bias", List.of("input"),
        Shape.map(2, 4, 4), 36L, 576L, 576L));
    l.add(new LayerInfo("bn", "BatchNorm, ReLU", List.of("conv"), Shape.map(2, 4, 4), 4L, 0L, 0L));
    l.add(new LayerInfo("out", "GlobalAvgPool 4×4", List.of("bn"), Shape.vector(2), 0L, 0L, 0L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(2, 4, 4)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(2, 4, 4), "filters", "2",
        "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1", "bias",
        "false", "activation", "identity"));
    a.add(LayerSpec.of("bn", "batch_norm", List.of("conv"), Shape.map(2, 4, 4), "eps", "1.0E-5",
        "momentum", "0.1", "affine", "true", "activation", "relu"));
    a.add(LayerSpec.of("out", "global_avg_pool", List.of("bn"), Shape.vector(2)));
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
    bn$out = new float[0];
    bn$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    conv$pad = new float[72];
    conv$padDelta = new float[72];
    conv$taps = new float[18][32];
    conv$acc = new float[2][32];
    conv$deltaWide = new float[52];
    bn$mean = new double[2];
    bn$inv = new double[2];
    conv$planes = new float[82];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new WithBatchNormNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    WithBatchNormNet w = new WithBatchNormNet(sharedParameters());
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
    bnForward();
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
    Arrays.fill(bn$delta, 0, batch * BN_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(3, true);
    startLayer();
    bnBackward();
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
      case 2: return bn$out;
      case 3: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return conv$delta;
      case 2: return bn$delta;
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
    bn$out = new float[batch * BN_SIZE];
    bn$delta = new float[batch * BN_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
   *
   * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#convForward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void convForward(int n) {
    // conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.convForward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = conv$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
        conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 2; i++) {
      convTapRows(conv$pad, i * 36, conv$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(conv$acc[o], 0f);
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        convTapGather(p, k, conv$taps, i * 9, conv$acc[o]);
      }
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
          y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
    }
  }

  /**
   * Backward, one sample: conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
   */
  private void convBackward(int n) {
    // conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.convBackward(n);
      return;
    }
    final float[] x = input$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    final float[] dy = conv$delta;
    final float[] dx = input$delta;
    Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
        conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        convWeightGrad(g, k, dy, yo + o * 16, conv$pad, i * 36);
      }
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      Arrays.fill(conv$padDelta, 0f);
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          convWideInputGrad(p, k, conv$deltaWide, 2 + o * 26, conv$padDelta, i * 36);
        }
      }
      Planes.add(conv$padDelta, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE,
          dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
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
   * Forward, the whole batch: bn: BatchNorm, ReLU; 2×4×4 → 2×4×4, 4 parameters, 0 connections
   */
  private void bnForward() {
    // bn: BatchNorm, ReLU; 2×4×4 → 2×4×4, 4 parameters, 0 connections
    final float[] x = conv$out;
    final float[] y = bn$out;
    final int count = batch * 16;
    for (int c = 0; c < 2; c++) {
      double mean;
      double var;
      if (mode[0]) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int n = 0; n < batch; n++) {
          for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
          }
        }
        double s = (s0 + s1) + (s2 + s3);
        mean = s / count;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        for (int n = 0; n < batch; n++) {
          for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i += 4) {
            q0 += (x[i] - mean) * (x[i] - mean);
            q1 += (x[i + 1] - mean) * (x[i + 1] - mean);
            q2 += (x[i + 2] - mean) * (x[i + 2] - mean);
            q3 += (x[i + 3] - mean) * (x[i + 3] - mean);
          }
        }
        double q = (q0 + q1) + (q2 + q3);
        var = q / count;
        if (primary) {
          b[BN_RUNNING_MEAN + c] = (float) (0.9 * b[BN_RUNNING_MEAN + c] + 0.1 * mean);
          b[BN_RUNNING_VAR + c] = (float) (0.9 * b[BN_RUNNING_VAR + c] + 0.1 * (count > 1 ? q / (count - 1) : var));
        }
      } else {
        mean = b[BN_RUNNING_MEAN + c];
        var = b[BN_RUNNING_VAR + c];
      }
      final double inv = 1.0 / Math.sqrt(var + 1.0E-5);
      bn$mean[c] = mean;
      bn$inv[c] = inv;
      final float scale = (float) (p[BN_WEIGHT + c] * inv);
      final float shift = (float) (p[BN_BIAS + c] - mean * scale);
      for (int n = 0; n < batch; n++) {
        for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i++) {
          y[i] = x[i] * scale + shift;
        }
      }
    }
    for (int n = 0; n < batch; n++) {
      final int yo = n * BN_SIZE;
      for (int i = yo; i < yo + BN_SIZE; i++) {
        y[i] = Math.max(0f, y[i]);
      }
    }
  }

  /**
   * Backward, the whole batch: bn: BatchNorm, ReLU; 2×4×4 → 2×4×4, 4 parameters, 0 connections
   */
  private void bnBackward() {
    // bn: BatchNorm, ReLU; 2×4×4 → 2×4×4, 4 parameters, 0 connections, backward
    final float[] x = conv$out;
    final float[] y = bn$out;
    final float[] dy = bn$delta;
    final float[] dx = conv$delta;
    for (int n = 0; n < batch; n++) {
      final int yo = n * BN_SIZE;
      Relu.backward(y, dy, yo, BN_SIZE);
    }
    final int count = batch * 16;
    for (int c = 0; c < 2; c++) {
      final double mean = bn$mean[c];
      final double inv = bn$inv[c];
      double sdy0 = 0, sdy1 = 0, sdy2 = 0, sdy3 = 0;
      double sdyx0 = 0, sdyx1 = 0, sdyx2 = 0, sdyx3 = 0;
      for (int n = 0; n < batch; n++) {
        for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i += 4) {
          sdy0 += dy[i];
          sdy1 += dy[i + 1];
          sdy2 += dy[i + 2];
          sdy3 += dy[i + 3];
          sdyx0 += dy[i] * ((x[i] - mean) * inv);
          sdyx1 += dy[i + 1] * ((x[i + 1] - mean) * inv);
          sdyx2 += dy[i + 2] * ((x[i + 2] - mean) * inv);
          sdyx3 += dy[i + 3] * ((x[i + 3] - mean) * inv);
        }
      }
      double sdy = (sdy0 + sdy1) + (sdy2 + sdy3);
      double sdyx = (sdyx0 + sdyx1) + (sdyx2 + sdyx3);
      g[BN_WEIGHT + c] += (float) sdyx;
      g[BN_BIAS + c] += (float) sdy;
      final double k = p[BN_WEIGHT + c] * inv;
      if (mode[0]) {
        final double a = sdy / count;
        final double bq = sdyx / count;
        for (int n = 0; n < batch; n++) {
          for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i++) {
            dx[i] += (float) (k * (dy[i] - a - (x[i] - mean) * inv * bq));
          }
        }
      } else {
        final float kt = (float) k;
        for (int n = 0; n < batch; n++) {
          for (int i = n * BN_SIZE + c * 16, end = i + 16; i < end; i++) {
            dx[i] += kt * dy[i];
          }
        }
      }
    }
  }

  /**
   * Forward, one sample: out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections
   */
  private void outForward(int n) {
    // out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections
    final float[] x = bn$out;
    final float[] y = out$out;
    final int xo = n * BN_SIZE;
    final int yo = n * OUT_SIZE;
    for (int c = 0; c < 2; c++) {
      float s = 0;
      for (int i = xo + c * 16, end = i + 16; i < end; i++) {
        s += x[i];
      }
      y[yo + c] = s * 0.0625f;
    }
  }

  /**
   * Backward, one sample: out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections
   */
  private void outBackward(int n) {
    // out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections, backward
    final int xo = n * BN_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = bn$delta;
    for (int c = 0; c < 2; c++) {
      final float d = dy[yo + c] * 0.0625f;
      for (int i = xo + c * 16, end = i + 16; i < end; i++) {
        dx[i] += d;
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
     * Forward, one sample: conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
     *
     * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void convForward(int n) {
      // conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(conv$pad, 0, conv$planes, 0, 72);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(conv$acc[o], 0f);
      }
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          convPlaneGather(p, k, conv$planes, i * 36, conv$acc[o]);
        }
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(conv$acc[o], 0, CONV_PITCH, CONV_WIDE_LENGTH,
            y, yo + o * CONV_H * CONV_W, CONV_W, CONV_H * CONV_W, 1, CONV_H, CONV_W);
      }
    }

    /**
     * Backward, one sample: conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections
     */
    private void convBackward(int n) {
      // conv: Conv 3×3, pad 1, no bias; 2×4×4 → 2×4×4, 36 parameters, 576 connections, backward
      final float[] x = input$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      final float[] dy = conv$delta;
      final float[] dx = input$delta;
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 2; i++) {
        convTapRows(conv$pad, i * 36, conv$taps, i * 9);
      }
      Planes.copy(dy, yo, CONV_W, CONV_H * CONV_W,
          conv$deltaWide, CONV_WIDE_MARGIN, CONV_PITCH, CONV_WIDE_DELTA_MAP,
          CONV_C, CONV_H, CONV_W);
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          convTapWeightGrad(g, k, conv$taps, i * 9, conv$deltaWide, 2 + o * 26);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        Arrays.fill(conv$padDelta, 0f);
        for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
          for (int i = 0; i < 2; i++, k += 9) {
            convWideInputGrad(p, k, conv$deltaWide, 2 + o * 26, conv$padDelta, i * 36);
          }
        }
        Planes.add(conv$padDelta, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE,
            dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
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
  }
}
