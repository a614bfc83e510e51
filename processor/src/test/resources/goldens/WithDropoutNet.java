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
 * The network {@link golden.WithDropout}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    1×2×3                   0              0
 * hidden         Dense (flattens 1×2×3), ReLU             4                      28             28
 * drop           Dropout 0.25                             4                       0              0
 * out            Dense                                    2                      10             10
 * total                                                                          38             38
 * </pre>
 * 38 trainable parameters; 32 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.WithDropout"
)
public final class WithDropoutNet extends GeneratedNetwork {
  public static final String NAME = "WithDropout";

  /**
   * input: 1×2×3
   */
  public static final int INPUT_C = 1;

  public static final int INPUT_H = 2;

  public static final int INPUT_W = 3;

  public static final int INPUT_SIZE = 6;

  /**
   * hidden: 4
   */
  public static final int HIDDEN_C = 4;

  public static final int HIDDEN_H = 1;

  public static final int HIDDEN_W = 1;

  public static final int HIDDEN_SIZE = 4;

  /**
   * drop: 4
   */
  public static final int DROP_C = 4;

  public static final int DROP_H = 1;

  public static final int DROP_W = 1;

  public static final int DROP_SIZE = 4;

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
   * Multiply-accumulates per sample in the forward pass (32).
   */
  public static final long MACS = 32L;

  /**
   * Offset of hidden.weight (24 values) in the parameter buffer.
   */
  static final int HIDDEN_WEIGHT = 0;

  /**
   * Offset of hidden.bias (4 values) in the parameter buffer.
   */
  static final int HIDDEN_BIAS = 24;

  /**
   * Offset of out.weight (8 values) in the parameter buffer.
   */
  static final int OUT_WEIGHT = 28;

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
  static final String FORMER_FINGERPRINT = "a5e1462e33478f429bb4d037dded8fd8";

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
   * drop: the state of its random stream (SplitMix64).
   */
  private long drop$random;

  /**
   * The batch size the per-batch buffers hold.
   */
  private int capacity;

  /**
   * input: activations, 1×2×3 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * hidden: activations, 4 per sample.
   */
  private float[] hidden$out;

  /**
   * hidden: d(loss)/d(activations).
   */
  private float[] hidden$delta;

  /**
   * drop: activations, 4 per sample.
   */
  private float[] drop$out;

  /**
   * drop: d(loss)/d(activations).
   */
  private float[] drop$delta;

  /**
   * out: activations, 2 per sample.
   */
  private float[] out$out;

  /**
   * out: d(loss)/d(activations).
   */
  private float[] out$delta;

  /**
   * the factor each value was multiplied by in the last forward pass (0 or 1/(1 − rate); 1 in inference).
   */
  private float[] drop$mask;

  /**
   * The 2 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public WithDropoutNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public WithDropoutNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("hidden.weight", "hidden", ParamSlot.Role.WEIGHT, new int[] {4, 6}, 6, 4);
    b.add("hidden.bias", "hidden", ParamSlot.Role.BIAS, new int[] {4}, 6, 4);
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {2, 4}, 4, 2);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {2}, 4, 2);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(1, 2, 3), 0L, 0L, 0L));
    l.add(new LayerInfo("hidden", "Dense (flattens 1×2×3), ReLU", List.of("input"),
        Shape.vector(4), 28L, 28L, 24L));
    l.add(new LayerInfo("drop", "Dropout 0.25", List.of("hidden"), Shape.vector(4), 0L, 0L, 0L));
    l.add(new LayerInfo("out", "Dense", List.of("drop"), Shape.vector(2), 10L, 10L, 8L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(1, 2, 3)));
    a.add(LayerSpec.of("hidden", "dense", List.of("input"), Shape.vector(4), "units", "4", "bias",
        "true", "activation", "relu"));
    a.add(LayerSpec.of("drop", "dropout", List.of("hidden"), Shape.vector(4), "rate", "0.25",
        "seed", "7"));
    a.add(LayerSpec.of("out", "dense", List.of("drop"), Shape.vector(2), "units", "2", "bias",
        "true", "activation", "identity"));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    hidden$out = new float[0];
    hidden$delta = new float[0];
    drop$out = new float[0];
    drop$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    drop$mask = new float[0];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
    drop$random = 7L ^ (stream * 0x9E3779B97F4A7C15L);
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new WithDropoutNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    WithDropoutNet w = new WithDropoutNet(sharedParameters());
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
      hiddenForward(n);
    }
    endLayer(1, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      dropForward(n);
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
    Arrays.fill(hidden$delta, 0, batch * HIDDEN_SIZE, 0f);
    Arrays.fill(drop$delta, 0, batch * DROP_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(3, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      dropBackward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      hiddenBackward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return hidden$out;
      case 2: return drop$out;
      case 3: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return hidden$delta;
      case 2: return drop$delta;
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
    hidden$out = new float[batch * HIDDEN_SIZE];
    hidden$delta = new float[batch * HIDDEN_SIZE];
    drop$out = new float[batch * DROP_SIZE];
    drop$delta = new float[batch * DROP_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    drop$mask = new float[batch * DROP_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
   *
   * <p>Vector API variant ({@link VectorVariant#hiddenForward}, when the JVM reads jdk.incubator.vector): the same
   * layer with the Vector API.
   */
  private void hiddenForward(int n) {
    // hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.hiddenForward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = hidden$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * HIDDEN_SIZE;
    // 4 outputs at a time: each input value feeds 4 independent multiply-add chains
    for (int o = 0; o < 4; o += 4) {
      final int w0 = HIDDEN_WEIGHT + o * 6;
      final int w1 = w0 + 6;
      final int w2 = w1 + 6;
      final int w3 = w2 + 6;
      float s0 = p[HIDDEN_BIAS + o + 0];
      float s1 = p[HIDDEN_BIAS + o + 1];
      float s2 = p[HIDDEN_BIAS + o + 2];
      float s3 = p[HIDDEN_BIAS + o + 3];
      for (int i = 0; i < 6; i++) {
        final float v = x[xo + i];
        s0 = Math.fma(p[w0 + i], v, s0);
        s1 = Math.fma(p[w1 + i], v, s1);
        s2 = Math.fma(p[w2 + i], v, s2);
        s3 = Math.fma(p[w3 + i], v, s3);
      }
      y[yo + o + 0] = s0;
      y[yo + o + 1] = s1;
      y[yo + o + 2] = s2;
      y[yo + o + 3] = s3;
    }
    for (int i = yo; i < yo + HIDDEN_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
   */
  private void hiddenBackward(int n) {
    // hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.hiddenBackward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = hidden$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * HIDDEN_SIZE;
    final float[] dy = hidden$delta;
    final float[] dx = input$delta;
    Relu.backward(y, dy, yo, HIDDEN_SIZE);
    for (int o = 0, w = HIDDEN_WEIGHT; o < 4; o++, w += 6) {
      final float d = dy[yo + o];
      g[HIDDEN_BIAS + o] += d;
      for (int i = 0; i < 6; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      for (int o = 0, w = HIDDEN_WEIGHT; o < 4; o++, w += 6) {
        final float d = dy[yo + o];
        for (int i = 0; i < 6; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }

  /**
   * Forward, one sample: drop: Dropout 0.25; 4 → 4, 0 parameters, 0 connections
   */
  private void dropForward(int n) {
    // drop: Dropout 0.25; 4 → 4, 0 parameters, 0 connections
    final float[] x = hidden$out;
    final float[] y = drop$out;
    final int xo = n * HIDDEN_SIZE;
    final int yo = n * DROP_SIZE;
    if (mode[0]) {
      long state = drop$random;
      for (int i = 0; i < DROP_SIZE; i++) {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        // a uniform number in [0, 1) from the top 53 bits: dropped below the rate
        final float m = (z >>> 11) * 0x1.0p-53 < 0.25 ? 0f : 1.3333334f;
        drop$mask[yo + i] = m;
        y[yo + i] = x[xo + i] * m;
      }
      drop$random = state;
    } else {
      Arrays.fill(drop$mask, yo, yo + DROP_SIZE, 1f);
      System.arraycopy(x, xo, y, yo, DROP_SIZE);
    }
  }

  /**
   * Backward, one sample: drop: Dropout 0.25; 4 → 4, 0 parameters, 0 connections
   */
  private void dropBackward(int n) {
    // drop: Dropout 0.25; 4 → 4, 0 parameters, 0 connections, backward
    final int xo = n * HIDDEN_SIZE;
    final int yo = n * DROP_SIZE;
    final float[] dy = drop$delta;
    final float[] dx = hidden$delta;
    for (int i = 0; i < DROP_SIZE; i++) {
      dx[xo + i] += dy[yo + i] * drop$mask[yo + i];
    }
  }

  /**
   * Forward, one sample: out: Dense; 4 → 2, 10 parameters, 10 connections
   *
   * <p>Vector API variant ({@link VectorVariant#outForward}, when the JVM reads jdk.incubator.vector): the same layer
   * with the Vector API.
   */
  private void outForward(int n) {
    // out: Dense; 4 → 2, 10 parameters, 10 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outForward(n);
      return;
    }
    final float[] x = drop$out;
    final float[] y = out$out;
    final int xo = n * DROP_SIZE;
    final int yo = n * OUT_SIZE;
    for (int o = 0, w = OUT_WEIGHT + 0; o < 2; o++) {
      float s = p[OUT_BIAS + o];
      for (int i = 0; i < 4; i++, w++) {
        s += p[w] * x[xo + i];
      }
      y[yo + o] = s;
    }
  }

  /**
   * Backward, one sample: out: Dense; 4 → 2, 10 parameters, 10 connections
   */
  private void outBackward(int n) {
    // out: Dense; 4 → 2, 10 parameters, 10 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.outBackward(n);
      return;
    }
    final float[] x = drop$out;
    final int xo = n * DROP_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = drop$delta;
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 4) {
      final float d = dy[yo + o];
      g[OUT_BIAS + o] += d;
      for (int i = 0; i < 4; i++) {
        g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
      }
    }
    for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 4) {
      final float d = dy[yo + o];
      for (int i = 0; i < 4; i++) {
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
     * Forward, one sample: hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
     */
    private void hiddenForward(int n) {
      // hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
      final float[] x = input$out;
      final float[] y = hidden$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * HIDDEN_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(6);
      for (int o = 0; o < 4; o += 4) {
        final int rows = Math.min(4, 4 - o);
        final int w0 = HIDDEN_WEIGHT + (o + Math.min(0, rows - 1)) * 6;
        final int w1 = HIDDEN_WEIGHT + (o + Math.min(1, rows - 1)) * 6;
        final int w2 = HIDDEN_WEIGHT + (o + Math.min(2, rows - 1)) * 6;
        final int w3 = HIDDEN_WEIGHT + (o + Math.min(3, rows - 1)) * 6;
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
        for (; i < 6; i++) {
          final float v = x[xo + i];
          s0 = Math.fma(p[w0 + i], v, s0);
          s1 = Math.fma(p[w1 + i], v, s1);
          s2 = Math.fma(p[w2 + i], v, s2);
          s3 = Math.fma(p[w3 + i], v, s3);
        }
        y[yo + o] = p[HIDDEN_BIAS + o + 0] + s0;
        if (rows > 1) {
          y[yo + o + 1] = p[HIDDEN_BIAS + o + 1] + s1;
        }
        if (rows > 2) {
          y[yo + o + 2] = p[HIDDEN_BIAS + o + 2] + s2;
        }
        if (rows > 3) {
          y[yo + o + 3] = p[HIDDEN_BIAS + o + 3] + s3;
        }
      }
      for (int i = yo; i < yo + HIDDEN_SIZE; i++) {
        y[i] = Math.max(0f, y[i]);
      }
    }

    /**
     * Backward, one sample: hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections
     */
    private void hiddenBackward(int n) {
      // hidden: Dense (flattens 1×2×3), ReLU; 1×2×3 → 4, 28 parameters, 28 connections, backward
      final float[] x = input$out;
      final float[] y = hidden$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * HIDDEN_SIZE;
      final float[] dy = hidden$delta;
      final float[] dx = input$delta;
      Relu.backward(y, dy, yo, HIDDEN_SIZE);
      for (int o = 0, w = HIDDEN_WEIGHT; o < 4; o++, w += 6) {
        final float d = dy[yo + o];
        g[HIDDEN_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(6); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 6; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        for (int o = 0, w = HIDDEN_WEIGHT; o < 4; o++, w += 6) {
          final float d = dy[yo + o];
          int i = 0;
          final FloatVector vd = FloatVector.broadcast(SPECIES, d);
          for (; i < SPECIES.loopBound(6); i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, p, w + i)
                .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
          }
          for (; i < 6; i++) {
            dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
          }
        }
      }
    }

    /**
     * Forward, one sample: out: Dense; 4 → 2, 10 parameters, 10 connections
     */
    private void outForward(int n) {
      // out: Dense; 4 → 2, 10 parameters, 10 connections
      final float[] x = drop$out;
      final float[] y = out$out;
      final int xo = n * DROP_SIZE;
      final int yo = n * OUT_SIZE;
      // Vector API: 4 outputs at a time, a vector accumulator each
      final int bound = SPECIES.loopBound(4);
      for (int o = 0; o < 2; o += 4) {
        final int rows = Math.min(4, 2 - o);
        final int w0 = OUT_WEIGHT + (o + Math.min(0, rows - 1)) * 4;
        final int w1 = OUT_WEIGHT + (o + Math.min(1, rows - 1)) * 4;
        final int w2 = OUT_WEIGHT + (o + Math.min(2, rows - 1)) * 4;
        final int w3 = OUT_WEIGHT + (o + Math.min(3, rows - 1)) * 4;
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
        for (; i < 4; i++) {
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
     * Backward, one sample: out: Dense; 4 → 2, 10 parameters, 10 connections
     */
    private void outBackward(int n) {
      // out: Dense; 4 → 2, 10 parameters, 10 connections, backward
      final float[] x = drop$out;
      final int xo = n * DROP_SIZE;
      final int yo = n * OUT_SIZE;
      final float[] dy = out$delta;
      final float[] dx = drop$delta;
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 4) {
        final float d = dy[yo + o];
        g[OUT_BIAS + o] += d;
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(4); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, x, xo + i)
              .fma(vd, FloatVector.fromArray(SPECIES, g, w + i)) .intoArray(g, w + i);
        }
        for (; i < 4; i++) {
          g[w + i] = Math.fma(d, x[xo + i], g[w + i]);
        }
      }
      for (int o = 0, w = OUT_WEIGHT; o < 2; o++, w += 4) {
        final float d = dy[yo + o];
        int i = 0;
        final FloatVector vd = FloatVector.broadcast(SPECIES, d);
        for (; i < SPECIES.loopBound(4); i += SPECIES.length()) {
          FloatVector.fromArray(SPECIES, p, w + i)
              .fma(vd, FloatVector.fromArray(SPECIES, dx, xo + i)) .intoArray(dx, xo + i);
        }
        for (; i < 4; i++) {
          dx[xo + i] = Math.fma(d, p[w + i], dx[xo + i]);
        }
      }
    }
  }
}
