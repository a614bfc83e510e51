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
import jdk.incubator.vector.VectorSpecies;

/**
 * The network {@link golden.WideRows}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    32×64×64                0              0
 * conv           Conv 3×3, pad 1                          2×64×64               578      2,367,488
 * out            GlobalAvgPool 64×64                      2                       0              0
 * total                                                                         578      2,367,488
 * </pre>
 * 578 trainable parameters; 2,359,296 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.WideRows"
)
public final class WideRowsNet extends GeneratedNetwork {
  public static final String NAME = "WideRows";

  /**
   * input: 32×64×64
   */
  public static final int INPUT_C = 32;

  public static final int INPUT_H = 64;

  public static final int INPUT_W = 64;

  public static final int INPUT_SIZE = 131072;

  /**
   * conv: 2×64×64
   */
  public static final int CONV_C = 2;

  public static final int CONV_H = 64;

  public static final int CONV_W = 64;

  public static final int CONV_SIZE = 8192;

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
  public static final long PARAMETER_COUNT = 578L;

  /**
   * Multiply-accumulates per sample in the forward pass (2,359,296).
   */
  public static final long MACS = 2359296L;

  /**
   * Offset of conv.weight (576 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of conv.bias (2 values) in the parameter buffer.
   */
  static final int CONV_BIAS = 576;

  /**
   * Names, shapes and offsets of the 578 parameters.
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
  static final String FORMER_FINGERPRINT = "130c346935e742189808ffe453fab75f";

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
  private static final int CONV_PAD_START = 67;

  /**
   * Row pitch of conv's padded input planes and wide rows.
   */
  private static final int CONV_PITCH = 66;

  /**
   * Values of one of conv's padded input planes: 66 rows × 66.
   */
  private static final int CONV_PAD_PLANE = 4356;

  /**
   * Values of one of conv's wide output maps: 64 rows at the input's pitch.
   */
  private static final int CONV_WIDE_MAP = 4224;

  /**
   * Zeros before each of conv's wide delta maps.
   */
  private static final int CONV_WIDE_MARGIN = 2;

  /**
   * Values of one of conv's wide delta maps: its zero margin, then 64 rows at the input's pitch.
   */
  private static final int CONV_WIDE_DELTA_MAP = 4226;

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
   * input: activations, 32×64×64 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 2×64×64 per sample.
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
   * the input sample with its zero border.
   */
  private float[] conv$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] conv$padDelta;

  /**
   * the output maps of one sample at the input's row pitch (wide rows).
   */
  private float[] conv$wide;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] conv$deltaWide;

  /**
   * The 1 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public WideRowsNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public WideRowsNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {2, 32, 3, 3}, 288, 18);
    b.add("conv.bias", "conv", ParamSlot.Role.BIAS, new int[] {2}, 288, 18);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(32, 64, 64), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 3×3, pad 1", List.of("input"),
        Shape.map(2, 64, 64), 578L, 2367488L, 2359296L));
    l.add(new LayerInfo("out", "GlobalAvgPool 64×64", List.of("conv"),
        Shape.vector(2), 0L, 0L, 0L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(32, 64, 64)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(2, 64, 64), "filters", "2",
        "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "identity"));
    a.add(LayerSpec.of("out", "global_avg_pool", List.of("conv"), Shape.vector(2)));
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
    conv$pad = new float[139392];
    conv$padDelta = new float[139392];
    conv$wide = new float[8448];
    conv$deltaWide = new float[8452];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new WideRowsNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    WideRowsNet w = new WideRowsNet(sharedParameters());
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
   * Forward, one sample: conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
   *
   * <p>Strategy: wide rows: stride 1, each map computed at the input's row pitch (66 columns) so that every tap is one
   * contiguous loop.
   *
   * <p>Vector API variant ({@link VectorVariant#convForward}, when the JVM reads jdk.incubator.vector): wide rows:
   * stride 1, each map computed at the input's row pitch (66 columns) so that every tap is one contiguous loop.
   */
  private void convForward(int n) {
    // conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
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
    // wide rows: each map computed at the input's row pitch, 66 columns, then compacted to 64
    for (int o = 0; o < 2; o++) {
      Arrays.fill(conv$wide, o * 4224, 4222 + o * 4224, p[CONV_BIAS + o]);
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 32; i++, k += 9) {
        convWideGather(p, k, conv$pad, i * 4356, conv$wide, o * 4224);
      }
    }
    Planes.copy(conv$wide, 0, CONV_PITCH, CONV_WIDE_MAP, y, yo, CONV_W, CONV_H * CONV_W,
        CONV_C, CONV_H, CONV_W);
  }

  /**
   * Backward, one sample: conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
   */
  private void convBackward(int n) {
    // conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections, backward
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
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 4096;
      for (int j = 0; j < 4096; j++) {
        s += dy[d + j];
      }
      g[CONV_BIAS + o] += s;
    }
    Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
        conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 32; i++, k += 9) {
        convWeightGrad(g, k, dy, yo + o * 4096, conv$pad, i * 4356);
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
        for (int i = 0; i < 32; i++, k += 9) {
          convWideInputGrad(p, k, conv$deltaWide, 2 + o * 4226, conv$padDelta, i * 4356);
        }
      }
      Planes.add(conv$padDelta, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE,
          dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
    }
  }

  /**
   * Gather into a wide map (rows at the plane's pitch): {@code wide[j] += Σ w[ky][kx] · plane[j + ky·d·66 + kx·d]}, all
   * rows in one loop per kernel row.
   * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
   */
  private static void convWideGather(final float[] w, final int wo, final float[] plane,
      final int po, final float[] wide, final int go) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 66;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 4222; j++) {
        final int c = pr + j;
        float s = wide[go + j];
        s = Math.fma(w0, plane[c], s);
        s = Math.fma(w1, plane[c + 1], s);
        s = Math.fma(w2, plane[c + 2], s);
        wide[go + j] = s;
      }
    }
  }

  /**
   * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
   * plane[j + ky·d·66] += Σ w[ky][kx] · delta[j − kx·d]}.
   * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
   */
  private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
      final int dlo, final float[] plane, final int po) {
    for (int ky = 0; ky < 3; ky++) {
      final int pr = po + ky * 66;
      final int wr = wo + ky * 3;
      final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
      for (int j = 0; j < 4224; j++) {
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
   * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
   */
  private static void convWeightGrad(final float[] gw, final int wo, final float[] grid,
      final int go, final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (int y = 0; y < 64; y++) {
      final int row = po + y * 66;
      final int gr = go + y * 64;
      for (int x = 0; x < 64; x++) {
        final int c = row + x * 1;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 66];
        s4 += v * plane[c + 67];
        s5 += v * plane[c + 68];
        s6 += v * plane[c + 132];
        s7 += v * plane[c + 133];
        s8 += v * plane[c + 134];
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
   * Forward, one sample: out: GlobalAvgPool 64×64; 2×64×64 → 2, 0 parameters, 0 connections
   */
  private void outForward(int n) {
    // out: GlobalAvgPool 64×64; 2×64×64 → 2, 0 parameters, 0 connections
    final float[] x = conv$out;
    final float[] y = out$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * OUT_SIZE;
    for (int c = 0; c < 2; c++) {
      float s = 0;
      for (int i = xo + c * 4096, end = i + 4096; i < end; i++) {
        s += x[i];
      }
      y[yo + c] = s * 2.4414062E-4f;
    }
  }

  /**
   * Backward, one sample: out: GlobalAvgPool 64×64; 2×64×64 → 2, 0 parameters, 0 connections
   */
  private void outBackward(int n) {
    // out: GlobalAvgPool 64×64; 2×64×64 → 2, 0 parameters, 0 connections, backward
    final int xo = n * CONV_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = conv$delta;
    for (int c = 0; c < 2; c++) {
      final float d = dy[yo + c] * 2.4414062E-4f;
      for (int i = xo + c * 4096, end = i + 4096; i < end; i++) {
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
     * Forward, one sample: conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
     *
     * <p>Strategy: wide rows: stride 1, each map computed at the input's row pitch (66 columns) so that every tap is
     * one contiguous loop.
     */
    private void convForward(int n) {
      // conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      // wide rows: each map computed at the input's row pitch, 66 columns, then compacted to 64
      for (int o = 0; o < 2; o++) {
        Arrays.fill(conv$wide, o * 4224, 4222 + o * 4224, p[CONV_BIAS + o]);
      }
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 32; i++, k += 9) {
          convWideGather(p, k, conv$pad, i * 4356, conv$wide, o * 4224);
        }
      }
      Planes.copy(conv$wide, 0, CONV_PITCH, CONV_WIDE_MAP, y, yo, CONV_W, CONV_H * CONV_W,
          CONV_C, CONV_H, CONV_W);
    }

    /**
     * Backward, one sample: conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections
     */
    private void convBackward(int n) {
      // conv: Conv 3×3, pad 1; 32×64×64 → 2×64×64, 578 parameters, 2,367,488 connections, backward
      final float[] x = input$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      final float[] dy = conv$delta;
      final float[] dx = input$delta;
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 4096;
        for (int j = 0; j < 4096; j++) {
          s += dy[d + j];
        }
        g[CONV_BIAS + o] += s;
      }
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          conv$pad, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 32; i++, k += 9) {
          convWeightGrad(g, k, dy, yo + o * 4096, conv$pad, i * 4356);
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
          for (int i = 0; i < 32; i++, k += 9) {
            convWideInputGrad(p, k, conv$deltaWide, 2 + o * 4226, conv$padDelta, i * 4356);
          }
        }
        Planes.add(conv$padDelta, CONV_PAD_START, CONV_PITCH, CONV_PAD_PLANE,
            dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
      }
    }

    /**
     * Gather into a wide map (rows at the plane's pitch): {@code wide[j] += Σ w[ky][kx] · plane[j + ky·d·66 + kx·d]},
     * all rows in one loop per kernel row.
     * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
     */
    private static void convWideGather(final float[] w, final int wo, final float[] plane,
        final int po, final float[] wide, final int go) {
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 66;
        final int wr = wo + ky * 3;
        final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
        for (int j = 0; j < 4222; j++) {
          final int c = pr + j;
          float s = wide[go + j];
          s = Math.fma(w0, plane[c], s);
          s = Math.fma(w1, plane[c + 1], s);
          s = Math.fma(w2, plane[c + 2], s);
          wide[go + j] = s;
        }
      }
    }

    /**
     * Input gradient from a wide delta map (rows at the plane's pitch, zeros between rows and 2 before it): {@code
     * plane[j + ky·d·66] += Σ w[ky][kx] · delta[j − kx·d]}.
     * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
     */
    private static void convWideInputGrad(final float[] w, final int wo, final float[] delta,
        final int dlo, final float[] plane, final int po) {
      final int bound = SPECIES.loopBound(4224);
      for (int ky = 0; ky < 3; ky++) {
        final int pr = po + ky * 66;
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
        for (; j < 4224; j++) {
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
     * <p>3×3 kernel, stride 1, dilation 1; 64×64 grid over a 66×66 plane.
     */
    private static void convWeightGrad(final float[] gw, final int wo, final float[] grid,
        final int go, final float[] plane, final int po) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
      for (int y = 0; y < 64; y++) {
        final int row = po + y * 66;
        final int gr = go + y * 64;
        for (int x = 0; x < 64; x++) {
          final int c = row + x * 1;
          final int gi = gr + x;
          final float v = grid[gi];
          s0 += v * plane[c];
          s1 += v * plane[c + 1];
          s2 += v * plane[c + 2];
          s3 += v * plane[c + 66];
          s4 += v * plane[c + 67];
          s5 += v * plane[c + 68];
          s6 += v * plane[c + 132];
          s7 += v * plane[c + 133];
          s8 += v * plane[c + 134];
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
  }
}
