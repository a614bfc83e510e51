package golden;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Fingerprints;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
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
 * The network {@link golden.DirectStrided}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    1×7×7                   0              0
 * conv           Conv 3×3, stride 2                       2×3×3                  20            180
 * out            Dense (flattens 2×3×3)                   2                      38             38
 * total                                                                          58            218
 * </pre>
 * 58 trainable parameters; 198 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.DirectStrided"
)
public final class DirectStridedNet extends GeneratedNetwork {
  public static final String NAME = "DirectStrided";

  /**
   * input: 1×7×7
   */
  public static final int INPUT_C = 1;

  public static final int INPUT_H = 7;

  public static final int INPUT_W = 7;

  public static final int INPUT_SIZE = 49;

  /**
   * conv: 2×3×3
   */
  public static final int CONV_C = 2;

  public static final int CONV_H = 3;

  public static final int CONV_W = 3;

  public static final int CONV_SIZE = 18;

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
  public static final long PARAMETER_COUNT = 58L;

  /**
   * Multiply-accumulates per sample in the forward pass (198).
   */
  public static final long MACS = 198L;

  /**
   * Offset of conv.weight (18 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of conv.bias (2 values) in the parameter buffer.
   */
  static final int CONV_BIAS = 18;

  /**
   * Offset of out.weight (36 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 20;

  /**
   * Offset of out.bias (2 values) in the parameter buffer.
   */
  static final int OUT_BIAS = 56;

  /**
   * Names, shapes and offsets of the 58 parameters.
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
  static final String FORMER_FINGERPRINT = "b21382c07620e4baa3da639c439f6430";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

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
   * input: activations, 1×7×7 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 2×3×3 per sample.
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
   * The 1 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public DirectStridedNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public DirectStridedNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {2, 1, 3, 3}, 9, 18);
    b.add("conv.bias", "conv", ParamSlot.Role.BIAS, new int[] {2}, 9, 18);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 18}, 18, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 18, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(1, 7, 7), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 3×3, stride 2", List.of("input"),
        Shape.map(2, 3, 3), 20L, 180L, 162L));
    l.add(new LayerInfo("out", "Dense (flattens 2×3×3)", List.of("conv"),
        Shape.vector(2), 38L, 38L, 36L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(1, 7, 7)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(2, 3, 3), "filters", "2",
        "kernel", "3x3", "stride", "2x2", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "identity"));
    a.add(LayerSpec.of("out", "dense", List.of("conv"), Shape.vector(2), "units", "2", "bias",
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
    out$out = new float[0];
    out$delta = new float[0];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new DirectStridedNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    DirectStridedNet w = new DirectStridedNet(sharedParameters());
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
   * Forward, one sample: conv: Conv 3×3, stride 2; 1×7×7 → 2×3×3, 20 parameters, 180 connections
   *
   * <p>Strategy: direct window kernels: stride 2 leaves no contiguous output rows to vectorize.
   */
  private void convForward(int n) {
    // conv: Conv 3×3, stride 2; 1×7×7 → 2×3×3, 20 parameters, 180 connections
    final float[] x = input$out;
    final float[] y = conv$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    for (int o = 0; o < 2; o++) {
      Arrays.fill(y, yo + o * 9, yo + (o + 1) * 9, p[CONV_BIAS + o]);
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
      convGather(p, k, x, xo, y, yo + o * 9);
    }
  }

  /**
   * Backward, one sample: conv: Conv 3×3, stride 2; 1×7×7 → 2×3×3, 20 parameters, 180 connections
   */
  private void convBackward(int n) {
    // conv: Conv 3×3, stride 2; 1×7×7 → 2×3×3, 20 parameters, 180 connections, backward
    final float[] x = input$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    final float[] dy = conv$delta;
    final float[] dx = input$delta;
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 9;
      for (int j = 0; j < 9; j++) {
        s += dy[d + j];
      }
      g[CONV_BIAS + o] += s;
    }
    for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
      convWeightGrad(g, k, dy, yo + o * 9, x, xo);
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      for (int o = 0, k = CONV_WEIGHT; o < 2; o++, k += 9) {
        convScatter(p, k, dy, yo + o * 9, dx, xo);
      }
    }
  }

  /**
   * Gather: {@code grid[y][x] += Σ w[ky][kx] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>3×3 kernel, stride 2, dilation 1; 3×3 grid over a 7×7 plane.
   */
  private static void convGather(final float[] w, final int wo, final float[] plane, final int po,
      final float[] grid, final int go) {
    for (int y = 0; y < 3; y++) {
      final int row = po + y * 14;
      final int gr = go + y * 3;
      for (int ky = 0; ky < 3; ky++) {
        final int pr = row + ky * 7;
        final int wr = wo + ky * 3;
        final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2];
        for (int x = 0; x < 3; x++) {
          final int c = pr + x * 2;
          grid[gr + x] += w0 * plane[c] + w1 * plane[c + 1] + w2 * plane[c + 2];
        }
      }
    }
  }

  /**
   * Scatter: {@code plane[y·s + ky·d][x·s + kx·d] += w[ky][kx] · grid[y][x]}, the adjoint of gather: the full
   * convolution of the grid (dilated by the stride) with the kernel rotated by 180°.
   * <p>3×3 kernel, stride 2, dilation 1; 3×3 grid over a 7×7 plane.
   */
  private static void convScatter(final float[] w, final int wo, final float[] grid, final int go,
      final float[] plane, final int po) {
    final float w0 = w[wo], w1 = w[wo + 1], w2 = w[wo + 2], w3 = w[wo + 3], w4 = w[wo + 4],
        w5 = w[wo + 5], w6 = w[wo + 6], w7 = w[wo + 7], w8 = w[wo + 8];
    for (int y = 0; y < 3; y++) {
      final int row = po + y * 14;
      final int gr = go + y * 3;
      for (int x = 0; x < 3; x++) {
        final int c = row + x * 2;
        final int gi = gr + x;
        final float v = grid[gi];
        plane[c] += w0 * v;
        plane[c + 1] += w1 * v;
        plane[c + 2] += w2 * v;
        plane[c + 7] += w3 * v;
        plane[c + 8] += w4 * v;
        plane[c + 9] += w5 * v;
        plane[c + 14] += w6 * v;
        plane[c + 15] += w7 * v;
        plane[c + 16] += w8 * v;
      }
    }
  }

  /**
   * Weight gradient: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>3×3 kernel, stride 2, dilation 1; 3×3 grid over a 7×7 plane.
   */
  private static void convWeightGrad(final float[] gw, final int wo, final float[] grid,
      final int go, final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (int y = 0; y < 3; y++) {
      final int row = po + y * 14;
      final int gr = go + y * 3;
      for (int x = 0; x < 3; x++) {
        final int c = row + x * 2;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 7];
        s4 += v * plane[c + 8];
        s5 += v * plane[c + 9];
        s6 += v * plane[c + 14];
        s7 += v * plane[c + 15];
        s8 += v * plane[c + 16];
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
   * Forward, one sample: out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
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
      for (int i = 0; i < 18; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
  }

  /**
   * Backward, one sample: out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
   */
  private void outBackward(int n) {
    // out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outBackward(n);
      return;
    }
    final float[] x = conv$out;
    final int xo = n * CONV_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = conv$delta;
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 18) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 18; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 18) {
      final float d = dy[yo + o];
      for (int i = 0; i < 18; i++) {
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
     * Forward, one sample: out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
     */
    private void outForward(int n) {
      // out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
      final float[] x = conv$out;
      final float[] y = out$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(18);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 18;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 18;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 18;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 18;
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
        for (; i < 18; i++) {
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
     * Backward, one sample: out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections
     */
    private void outBackward(int n) {
      // out: Dense (flattens 2×3×3); 2×3×3 → 2, 38 parameters, 38 connections, backward
      final float[] x = conv$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = conv$delta;
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 18) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(18); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 18; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 18) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(18); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 18; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
