package golden;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Fingerprints;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerSpec;
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
import jdk.incubator.vector.VectorSpecies;

/**
 * The network {@link golden.FixedKernels}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    1×6×6                   0              0
 * sobel          Conv 3×3, fixed kernels, no bias         1×4×4                   0            144
 * out            AvgPool 2×2                              1×2×2                   0             16
 * total                                                                           0            160
 * </pre>
 * 0 trainable parameters; 144 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.FixedKernels"
)
public final class FixedKernelsNet extends GeneratedNetwork {
  public static final String NAME = "FixedKernels";

  /**
   * input: 1×6×6
   */
  public static final int INPUT_C = 1;

  public static final int INPUT_H = 6;

  public static final int INPUT_W = 6;

  public static final int INPUT_SIZE = 36;

  /**
   * sobel: 1×4×4
   */
  public static final int SOBEL_C = 1;

  public static final int SOBEL_H = 4;

  public static final int SOBEL_W = 4;

  public static final int SOBEL_SIZE = 16;

  /**
   * out: 1×2×2
   */
  public static final int OUT_C = 1;

  public static final int OUT_H = 2;

  public static final int OUT_W = 2;

  public static final int OUT_SIZE = 4;

  /**
   * Trainable parameters.
   */
  public static final long PARAMETER_COUNT = 0L;

  /**
   * Multiply-accumulates per sample in the forward pass (144).
   */
  public static final long MACS = 144L;

  /**
   * Names, shapes and offsets of the 0 parameters.
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
  static final String FORMER_FINGERPRINT = "2556cef7db0a33f0a3f126dbad257e75";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * sobel: the fixed kernels from the declaration, one after another in the order the code reads them (never trained).
   */
  private static final float[] sobel$kernels = new float[] {-1f, 0f, 1f, -2f, 0f, 2f, -1f, 0f,
      1f};

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

  /**
   * Row pitch of sobel's input planes and wide rows.
   */
  private static final int SOBEL_PITCH = 6;

  /**
   * Values of one of sobel's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4 long.
   */
  private static final int SOBEL_WIDE_LENGTH = 22;

  /**
   * Zeros before each of sobel's wide delta maps.
   */
  private static final int SOBEL_WIDE_MARGIN = 2;

  /**
   * Values of one of sobel's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int SOBEL_WIDE_DELTA_MAP = 26;

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
   * input: activations, 1×6×6 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * sobel: activations, 1×4×4 per sample.
   */
  private float[] sobel$out;

  /**
   * sobel: d(loss)/d(activations).
   */
  private float[] sobel$delta;

  /**
   * out: activations, 1×2×2 per sample.
   */
  private float[] out$out;

  /**
   * out: d(loss)/d(activations).
   */
  private float[] out$delta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] sobel$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] sobel$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] sobel$deltaWide;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] sobel$planes;

  /**
   * The 1 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public FixedKernelsNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public FixedKernelsNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(1, 6, 6), 0L, 0L, 0L));
    l.add(new LayerInfo("sobel", "Conv 3×3, fixed kernels, no bias", List.of("input"),
        Shape.map(1, 4, 4), 0L, 144L, 144L));
    l.add(new LayerInfo("out", "AvgPool 2×2", List.of("sobel"), Shape.map(1, 2, 2), 0L, 16L, 0L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(1, 6, 6)));
    a.add(LayerSpec.of("sobel", "conv", List.of("input"), Shape.map(1, 4, 4), "filters", "1",
        "kernel", "3x3", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias",
        "false", "activation", "identity", "weights", "-1.0,0.0,1.0,-2.0,0.0,2.0,-1.0,0.0,1.0"));
    a.add(LayerSpec.of("out", "avg_pool", List.of("sobel"), Shape.map(1, 2, 2), "window", "2x2",
        "stride", "2x2", "pad", "0x0", "ceil", "false"));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    sobel$out = new float[0];
    sobel$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    sobel$taps = new float[9][32];
    sobel$acc = new float[1][32];
    sobel$deltaWide = new float[26];
    sobel$planes = new float[46];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new FixedKernelsNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    FixedKernelsNet w = new FixedKernelsNet(sharedParameters());
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
      sobelForward(n);
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
    Arrays.fill(sobel$delta, 0, batch * SOBEL_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      sobelBackward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return sobel$out;
      case 2: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return sobel$delta;
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
    sobel$out = new float[batch * SOBEL_SIZE];
    sobel$delta = new float[batch * SOBEL_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
   *
   * <p>Strategy: tap rows: stride 1 and 198 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#sobelForward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 198 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void sobelForward(int n) {
    // sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.sobelForward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = sobel$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * SOBEL_SIZE;
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    sobelTapRows(x, xo, sobel$taps, 0);
    Arrays.fill(sobel$acc[0], 0f);
    sobelTapGather(sobel$kernels, 0, sobel$taps, 0, sobel$acc[0]);
    Planes.copy(sobel$acc[0], 0, SOBEL_PITCH, SOBEL_WIDE_LENGTH, y, yo, SOBEL_W, SOBEL_H * SOBEL_W,
        1, SOBEL_H, SOBEL_W);
  }

  /**
   * Backward, one sample: sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
   */
  private void sobelBackward(int n) {
    // sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.sobelBackward(n);
      return;
    }
    final int xo = n * INPUT_SIZE;
    final int yo = n * SOBEL_SIZE;
    final float[] dy = sobel$delta;
    final float[] dx = input$delta;
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, SOBEL_W, SOBEL_H * SOBEL_W,
          sobel$deltaWide, SOBEL_WIDE_MARGIN, SOBEL_PITCH, SOBEL_WIDE_DELTA_MAP,
          SOBEL_C, SOBEL_H, SOBEL_W);
      sobelWideInputGrad(sobel$kernels, 0, sobel$deltaWide, 2, dx, xo);
    }
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void sobelTapRows(final float[] plane, final int po, final float[][] taps,
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
  private static void sobelTapGather(final float[] w, final int wo, final float[][] taps,
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
  private static void sobelWideInputGrad(final float[] w, final int wo, final float[] delta,
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
   * Forward, one sample: out: AvgPool 2×2; 1×4×4 → 1×2×2, 0 parameters, 16 connections
   */
  private void outForward(int n) {
    // out: AvgPool 2×2; 1×4×4 → 1×2×2, 0 parameters, 16 connections
    final float[] x = sobel$out;
    final float[] y = out$out;
    final int xo = n * SOBEL_SIZE;
    final int yo = n * OUT_SIZE;
    { // m = 0 only
      final int m = 0;
      int j = 0;
      for (int oy = 0; oy < 2; oy++) {
        final int row = xo + m * 16 + oy * 8;
        for (int ox = 0; ox < 2; ox++, j++) {
          final int c = row + ox * 2;
          y[yo + j] = (x[c] + x[c + 1] + x[c + 4] + x[c + 5]) / 4f;
        }
      }
    }
  }

  /**
   * Backward, one sample: out: AvgPool 2×2; 1×4×4 → 1×2×2, 0 parameters, 16 connections
   */
  private void outBackward(int n) {
    // out: AvgPool 2×2; 1×4×4 → 1×2×2, 0 parameters, 16 connections, backward
    final int xo = n * SOBEL_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = sobel$delta;
    { // m = 0 only
      final int m = 0;
      int j = 0;
      for (int oy = 0; oy < 2; oy++) {
        final int row = xo + m * 16 + oy * 8;
        for (int ox = 0; ox < 2; ox++, j++) {
          final int c = row + ox * 2;
          final float v = dy[yo + j] / 4f;
          dx[c] += v;
          dx[c + 1] += v;
          dx[c + 4] += v;
          dx[c + 5] += v;
        }
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
     * Forward, one sample: sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
     *
     * <p>Strategy: tap rows: stride 1 and 198 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void sobelForward(int n) {
      // sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
      final float[] x = input$out;
      final float[] y = sobel$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * SOBEL_SIZE;
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(x, xo, sobel$planes, 0, 36);
      Arrays.fill(sobel$acc[0], 0f);
      sobelPlaneGather(sobel$kernels, 0, sobel$planes, 0, sobel$acc[0]);
      Planes.copy(sobel$acc[0], 0, SOBEL_PITCH, SOBEL_WIDE_LENGTH,
          y, yo, SOBEL_W, SOBEL_H * SOBEL_W, 1, SOBEL_H, SOBEL_W);
    }

    /**
     * Backward, one sample: sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections
     */
    private void sobelBackward(int n) {
      // sobel: Conv 3×3, fixed kernels, no bias; 1×6×6 → 1×4×4, 0 parameters, 144 connections, backward
      final int xo = n * INPUT_SIZE;
      final int yo = n * SOBEL_SIZE;
      final float[] dy = sobel$delta;
      final float[] dx = input$delta;
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
        Planes.copy(dy, yo, SOBEL_W, SOBEL_H * SOBEL_W,
            sobel$deltaWide, SOBEL_WIDE_MARGIN, SOBEL_PITCH, SOBEL_WIDE_DELTA_MAP,
            SOBEL_C, SOBEL_H, SOBEL_W);
        sobelWideInputGrad(sobel$kernels, 0, sobel$deltaWide, 2, dx, xo);
      }
    }

    /**
     * Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) + j]},
     * each tap's row read where it lies in the plane.
     * <p>3×3 kernel, stride 1, dilation 1; 4×4 grid over a 6×6 plane.
     */
    private static void sobelPlaneGather(final float[] w, final int wo, final float[] plane,
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
    private static void sobelWideInputGrad(final float[] w, final int wo, final float[] delta,
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
  }
}
