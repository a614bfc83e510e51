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
 * The network {@link golden.DenseProduct}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    2×4×4                   0              0
 * conv           Conv 4×4, tanh                           3×1×1                  99             99
 * out            Dense (flattens 3×1×1)                   2                       8              8
 * total                                                                         107            107
 * </pre>
 * 107 trainable parameters; 102 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.DenseProduct"
)
public final class DenseProductNet extends GeneratedNetwork {
  public static final String NAME = "DenseProduct";

  /**
   * input: 2×4×4
   */
  public static final int INPUT_C = 2;

  public static final int INPUT_H = 4;

  public static final int INPUT_W = 4;

  public static final int INPUT_SIZE = 32;

  /**
   * conv: 3×1×1
   */
  public static final int CONV_C = 3;

  public static final int CONV_H = 1;

  public static final int CONV_W = 1;

  public static final int CONV_SIZE = 3;

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
  public static final long PARAMETER_COUNT = 107L;

  /**
   * Multiply-accumulates per sample in the forward pass (102).
   */
  public static final long MACS = 102L;

  /**
   * Offset of conv.weight (96 values) in the parameter buffer.
   */
  static final int CONV_WEIGHT = 0;

  /**
   * Offset of conv.bias (3 values) in the parameter buffer.
   */
  static final int CONV_BIAS = 96;

  /**
   * Offset of out.weight (6 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 99;

  /**
   * Offset of out.bias (2 values) in the parameter buffer.
   */
  static final int OUT_BIAS = 105;

  /**
   * Names, shapes and offsets of the 107 parameters.
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
  static final String FORMER_FINGERPRINT = "70cc77bc5962f8debc36578e0e66b9e4";

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
   * input: activations, 2×4×4 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * conv: activations, 3×1×1 per sample.
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
   * The 2 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public DenseProductNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public DenseProductNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("conv.weight", "conv", ParamSlot.Role.WEIGHT, new int[] {3, 2, 4, 4}, 32, 48);
    b.add("conv.bias", "conv", ParamSlot.Role.BIAS, new int[] {3}, 32, 48);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 3}, 3, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 3, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(2, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("conv", "Conv 4×4, tanh", List.of("input"),
        Shape.map(3, 1, 1), 99L, 99L, 96L));
    l.add(new LayerInfo("out", "Dense (flattens 3×1×1)", List.of("conv"),
        Shape.vector(2), 8L, 8L, 6L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(2, 4, 4)));
    a.add(LayerSpec.of("conv", "conv", List.of("input"), Shape.map(3, 1, 1), "filters", "3",
        "kernel", "4x4", "stride", "1x1", "pad", "0x0", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "tanh"));
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
    return new DenseProductNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    DenseProductNet w = new DenseProductNet(sharedParameters());
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
   * Forward, one sample: conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
   *
   * <p>Strategy: dense product: the 4×4 kernel covers the whole input, so the layer is a matrix-vector product over the
   * flattened sample.
   *
   * <p>Vector API variant ({@link VectorVariant#convForward}, when the JVM reads jdk.incubator.vector): dense product:
   * the 4×4 kernel covers the whole input, so the layer is a matrix-vector product over the flattened sample.
   */
  private void convForward(int n) {
    // conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.convForward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = conv$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * CONV_SIZE;
    // the kernel covers the whole input: a fully connected product over the flattened sample
    for (int o = 0, w = CONV_WEIGHT + 0; o < 3; o++) {
      float s = p[CONV_BIAS + o];
      for (int i = 0; i < 32; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
    for (int i = yo; i < yo + CONV_SIZE; i++) {
      y[i] = FastMath.tanh(y[i]);
    }
  }

  /**
   * Backward, one sample: conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
   */
  private void convBackward(int n) {
    // conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections, backward
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
      dy[i] *= 1f - y[i] * y[i];
    }
    for (int o = 0, w = CONV_WEIGHT; o < 3; o++, w += 32) {
      final float d = dy[yo + o];
      g[CONV_BIAS + o] += d;
      for (int i = 0; i < 32; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      for (int o = 0, w = CONV_WEIGHT; o < 3; o++, w += 32) {
        final float d = dy[yo + o];
        for (int i = 0; i < 32; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }

  /**
   * Forward, one sample: out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
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
      for (int i = 0; i < 3; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
  }

  /**
   * Backward, one sample: out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
   */
  private void outBackward(int n) {
    // out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections, backward
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
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 3) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 3; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 3) {
      final float d = dy[yo + o];
      for (int i = 0; i < 3; i++) {
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
     * Forward, one sample: conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
     *
     * <p>Strategy: dense product: the 4×4 kernel covers the whole input, so the layer is a matrix-vector product over
     * the flattened sample.
     */
    private void convForward(int n) {
      // conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      // the kernel covers the whole input: a fully connected product over the flattened sample
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(32);
      for (int o = 0; o < 3; o += 4) {
        final int rows = Math.min(4, 3 - o);
        final int w0 = CONV_WEIGHT + (o + Math.min(0, rows - 1)) * 32;
        final int w1 = CONV_WEIGHT + (o + Math.min(1, rows - 1)) * 32;
        final int w2 = CONV_WEIGHT + (o + Math.min(2, rows - 1)) * 32;
        final int w3 = CONV_WEIGHT + (o + Math.min(3, rows - 1)) * 32;
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
        for (; i < 32; i++) {
          final float v = x[xo + i];
          s0 = Math.fma(p[w0 + i], v, s0);
          s1 = Math.fma(p[w1 + i], v, s1);
          s2 = Math.fma(p[w2 + i], v, s2);
          s3 = Math.fma(p[w3 + i], v, s3);
        }
        y[yo + o] = p[CONV_BIAS + o + 0] + s0;
        if (rows > 1) {
          y[yo + o + 1] = p[CONV_BIAS + o + 1] + s1;
        }
        if (rows > 2) {
          y[yo + o + 2] = p[CONV_BIAS + o + 2] + s2;
        }
        if (rows > 3) {
          y[yo + o + 3] = p[CONV_BIAS + o + 3] + s3;
        }
      }
      for (int i = yo; i < yo + CONV_SIZE; i++) {
        y[i] = FastMath.tanh(y[i]);
      }
    }

    /**
     * Backward, one sample: conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections
     */
    private void convBackward(int n) {
      // conv: Conv 4×4, tanh; 2×4×4 → 3×1×1, 99 parameters, 99 connections, backward
      final float[] x = input$out;
      final float[] y = conv$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * CONV_SIZE;
      final float[] dy = conv$delta;
      final float[] dx = input$delta;
      for (int i = yo; i < yo + CONV_SIZE; i++) {
        dy[i] *= 1f - y[i] * y[i];
      }
      for (int o = 0, w = CONV_WEIGHT; o < 3; o++, w += 32) {
        final float d = dy[yo + o];
        g[CONV_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(32); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 32; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        for (int o = 0, w = CONV_WEIGHT; o < 3; o++, w += 32) {
          final float d = dy[yo + o];
          int i = 0;
          final FloatVector vd = FloatVector.broadcast(SPECIES, d);
          for (; i < SPECIES.loopBound(32); i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, p, w + i)
                .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
          }
          for (; i < 32; i++) {
            dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
          }
        }
      }
    }

    /**
     * Forward, one sample: out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
     */
    private void outForward(int n) {
      // out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
      final float[] x = conv$out;
      final float[] y = out$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(3);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 3;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 3;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 3;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 3;
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
        for (; i < 3; i++) {
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
     * Backward, one sample: out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections
     */
    private void outBackward(int n) {
      // out: Dense (flattens 3×1×1); 3×1×1 → 2, 8 parameters, 8 connections, backward
      final float[] x = conv$out;
      final int xo = n * CONV_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = conv$delta;
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 3) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(3); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 3; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 3) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(3); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 3; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
