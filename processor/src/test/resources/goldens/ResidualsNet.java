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
 * The network {@link golden.Residuals}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    2×4×4                   0              0
 * res1_conv1     Conv 3×3, pad 1, ReLU                    2×4×4                  38            608
 * res1_conv2     Conv 3×3, pad 1                          2×4×4                  38            608
 * res1           Add 2 inputs, ReLU                       2×4×4                   0              0
 * res2_conv1     Conv 3×3, pad 1, ReLU                    2×4×4                  38            608
 * res2_conv2     Conv 3×3, pad 1                          2×4×4                  38            608
 * res2           Add 2 inputs, ReLU                       2×4×4                   0              0
 * out            GlobalAvgPool 4×4                        2                       0              0
 * total                                                                         152          2,432
 * </pre>
 * 152 trainable parameters; 2,304 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.Residuals"
)
public final class ResidualsNet extends GeneratedNetwork {
  public static final String NAME = "Residuals";

  /**
   * input: 2×4×4
   */
  public static final int INPUT_C = 2;

  public static final int INPUT_H = 4;

  public static final int INPUT_W = 4;

  public static final int INPUT_SIZE = 32;

  /**
   * res1_conv1: 2×4×4
   */
  public static final int RES1_CONV1_C = 2;

  public static final int RES1_CONV1_H = 4;

  public static final int RES1_CONV1_W = 4;

  public static final int RES1_CONV1_SIZE = 32;

  /**
   * res1_conv2: 2×4×4
   */
  public static final int RES1_CONV2_C = 2;

  public static final int RES1_CONV2_H = 4;

  public static final int RES1_CONV2_W = 4;

  public static final int RES1_CONV2_SIZE = 32;

  /**
   * res1: 2×4×4
   */
  public static final int RES1_C = 2;

  public static final int RES1_H = 4;

  public static final int RES1_W = 4;

  public static final int RES1_SIZE = 32;

  /**
   * res2_conv1: 2×4×4
   */
  public static final int RES2_CONV1_C = 2;

  public static final int RES2_CONV1_H = 4;

  public static final int RES2_CONV1_W = 4;

  public static final int RES2_CONV1_SIZE = 32;

  /**
   * res2_conv2: 2×4×4
   */
  public static final int RES2_CONV2_C = 2;

  public static final int RES2_CONV2_H = 4;

  public static final int RES2_CONV2_W = 4;

  public static final int RES2_CONV2_SIZE = 32;

  /**
   * res2: 2×4×4
   */
  public static final int RES2_C = 2;

  public static final int RES2_H = 4;

  public static final int RES2_W = 4;

  public static final int RES2_SIZE = 32;

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
  public static final long PARAMETER_COUNT = 152L;

  /**
   * Multiply-accumulates per sample in the forward pass (2,304).
   */
  public static final long MACS = 2304L;

  /**
   * Offset of res1_conv1.weight (36 values) in the parameter buffer.
   */
  static final int RES1_CONV1_WEIGHT = 0;

  /**
   * Offset of res1_conv1.bias (2 values) in the parameter buffer.
   */
  static final int RES1_CONV1_BIAS = 36;

  /**
   * Offset of res1_conv2.weight (36 values) in the parameter buffer.
   */
  static final int RES1_CONV2_WEIGHT = 38;

  /**
   * Offset of res1_conv2.bias (2 values) in the parameter buffer.
   */
  static final int RES1_CONV2_BIAS = 74;

  /**
   * Offset of res2_conv1.weight (36 values) in the parameter buffer.
   */
  static final int RES2_CONV1_WEIGHT = 76;

  /**
   * Offset of res2_conv1.bias (2 values) in the parameter buffer.
   */
  static final int RES2_CONV1_BIAS = 112;

  /**
   * Offset of res2_conv2.weight (36 values) in the parameter buffer.
   */
  static final int RES2_CONV2_WEIGHT = 114;

  /**
   * Offset of res2_conv2.bias (2 values) in the parameter buffer.
   */
  static final int RES2_CONV2_BIAS = 150;

  /**
   * Names, shapes and offsets of the 152 parameters.
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
  static final String FORMER_FINGERPRINT = "f1c109b087983ea02236ecf40184dc80";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and
   * {@code -Dconvnet.vector=false} is not set.
   */
  private static final boolean VECTOR_VARIANT = Vectorization.enabled();

  /**
   * First value of the input map in res1_conv1's padded planes: row 1, column 1 (numbered from 0).
   */
  private static final int RES1_CONV1_PAD_START = 7;

  /**
   * Row pitch of res1_conv1's padded input planes and wide rows.
   */
  private static final int RES1_CONV1_PITCH = 6;

  /**
   * Values of one of res1_conv1's padded input planes: 6 rows × 6.
   */
  private static final int RES1_CONV1_PAD_PLANE = 36;

  /**
   * Values of one of res1_conv1's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4
   * long.
   */
  private static final int RES1_CONV1_WIDE_LENGTH = 22;

  /**
   * Zeros before each of res1_conv1's wide delta maps.
   */
  private static final int RES1_CONV1_WIDE_MARGIN = 2;

  /**
   * Values of one of res1_conv1's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int RES1_CONV1_WIDE_DELTA_MAP = 26;

  /**
   * First value of the input map in res1_conv2's padded planes: row 1, column 1 (numbered from 0).
   */
  private static final int RES1_CONV2_PAD_START = 7;

  /**
   * Row pitch of res1_conv2's padded input planes and wide rows.
   */
  private static final int RES1_CONV2_PITCH = 6;

  /**
   * Values of one of res1_conv2's padded input planes: 6 rows × 6.
   */
  private static final int RES1_CONV2_PAD_PLANE = 36;

  /**
   * Values of one of res1_conv2's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4
   * long.
   */
  private static final int RES1_CONV2_WIDE_LENGTH = 22;

  /**
   * Zeros before each of res1_conv2's wide delta maps.
   */
  private static final int RES1_CONV2_WIDE_MARGIN = 2;

  /**
   * Values of one of res1_conv2's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int RES1_CONV2_WIDE_DELTA_MAP = 26;

  /**
   * First value of the input map in res2_conv1's padded planes: row 1, column 1 (numbered from 0).
   */
  private static final int RES2_CONV1_PAD_START = 7;

  /**
   * Row pitch of res2_conv1's padded input planes and wide rows.
   */
  private static final int RES2_CONV1_PITCH = 6;

  /**
   * Values of one of res2_conv1's padded input planes: 6 rows × 6.
   */
  private static final int RES2_CONV1_PAD_PLANE = 36;

  /**
   * Values of one of res2_conv1's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4
   * long.
   */
  private static final int RES2_CONV1_WIDE_LENGTH = 22;

  /**
   * Zeros before each of res2_conv1's wide delta maps.
   */
  private static final int RES2_CONV1_WIDE_MARGIN = 2;

  /**
   * Values of one of res2_conv1's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int RES2_CONV1_WIDE_DELTA_MAP = 26;

  /**
   * First value of the input map in res2_conv2's padded planes: row 1, column 1 (numbered from 0).
   */
  private static final int RES2_CONV2_PAD_START = 7;

  /**
   * Row pitch of res2_conv2's padded input planes and wide rows.
   */
  private static final int RES2_CONV2_PITCH = 6;

  /**
   * Values of one of res2_conv2's padded input planes: 6 rows × 6.
   */
  private static final int RES2_CONV2_PAD_PLANE = 36;

  /**
   * Values of one of res2_conv2's wide output maps up to its last output: 4 rows at the input's pitch, the last one 4
   * long.
   */
  private static final int RES2_CONV2_WIDE_LENGTH = 22;

  /**
   * Zeros before each of res2_conv2's wide delta maps.
   */
  private static final int RES2_CONV2_WIDE_MARGIN = 2;

  /**
   * Values of one of res2_conv2's wide delta maps: its zero margin, then 4 rows at the input's pitch.
   */
  private static final int RES2_CONV2_WIDE_DELTA_MAP = 26;

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
   * res1_conv1: activations, 2×4×4 per sample.
   */
  private float[] res1_conv1$out;

  /**
   * res1_conv1: d(loss)/d(activations).
   */
  private float[] res1_conv1$delta;

  /**
   * res1_conv2: activations, 2×4×4 per sample.
   */
  private float[] res1_conv2$out;

  /**
   * res1_conv2: d(loss)/d(activations).
   */
  private float[] res1_conv2$delta;

  /**
   * res1: activations, 2×4×4 per sample.
   */
  private float[] res1$out;

  /**
   * res1: d(loss)/d(activations).
   */
  private float[] res1$delta;

  /**
   * res2_conv1: activations, 2×4×4 per sample.
   */
  private float[] res2_conv1$out;

  /**
   * res2_conv1: d(loss)/d(activations).
   */
  private float[] res2_conv1$delta;

  /**
   * res2_conv2: activations, 2×4×4 per sample.
   */
  private float[] res2_conv2$out;

  /**
   * res2_conv2: d(loss)/d(activations).
   */
  private float[] res2_conv2$delta;

  /**
   * res2: activations, 2×4×4 per sample.
   */
  private float[] res2$out;

  /**
   * res2: d(loss)/d(activations).
   */
  private float[] res2$delta;

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
  private float[] res1_conv1$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] res1_conv1$padDelta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] res1_conv1$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] res1_conv1$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] res1_conv1$deltaWide;

  /**
   * the input sample with its zero border.
   */
  private float[] res1_conv2$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] res1_conv2$padDelta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] res1_conv2$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] res1_conv2$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] res1_conv2$deltaWide;

  /**
   * the input sample with its zero border.
   */
  private float[] res2_conv1$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] res2_conv1$padDelta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] res2_conv1$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] res2_conv1$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] res2_conv1$deltaWide;

  /**
   * the input sample with its zero border.
   */
  private float[] res2_conv2$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] res2_conv2$padDelta;

  /**
   * each input map of one sample shifted by each tap (tap rows).
   */
  private float[][] res2_conv2$taps;

  /**
   * the output maps of one sample at the input's row pitch.
   */
  private float[][] res2_conv2$acc;

  /**
   * d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written.
   */
  private float[] res2_conv2$deltaWide;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] res1_conv1$planes;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] res1_conv2$planes;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] res2_conv1$planes;

  /**
   * the (padded) input maps of one sample, with room after them for the last vector of a row.
   */
  private float[] res2_conv2$planes;

  /**
   * The 4 layers' Vector API code, or null when the plain code runs.
   */
  private final VectorVariant vectorVariant = VECTOR_VARIANT ? new VectorVariant() : null;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public ResidualsNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public ResidualsNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("res1_conv1.weight", "res1_conv1", ParamSlot.Role.WEIGHT, new int[] {2, 2, 3, 3}, 18, 18);
    b.add("res1_conv1.bias", "res1_conv1", ParamSlot.Role.BIAS, new int[] {2}, 18, 18);
    b.add("res1_conv2.weight", "res1_conv2", ParamSlot.Role.WEIGHT, new int[] {2, 2, 3, 3}, 18, 18);
    b.add("res1_conv2.bias", "res1_conv2", ParamSlot.Role.BIAS, new int[] {2}, 18, 18);
    b.add("res2_conv1.weight", "res2_conv1", ParamSlot.Role.WEIGHT, new int[] {2, 2, 3, 3}, 18, 18);
    b.add("res2_conv1.bias", "res2_conv1", ParamSlot.Role.BIAS, new int[] {2}, 18, 18);
    b.add("res2_conv2.weight", "res2_conv2", ParamSlot.Role.WEIGHT, new int[] {2, 2, 3, 3}, 18, 18);
    b.add("res2_conv2.bias", "res2_conv2", ParamSlot.Role.BIAS, new int[] {2}, 18, 18);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(2, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("res1_conv1", "Conv 3×3, pad 1, ReLU", List.of("input"),
        Shape.map(2, 4, 4), 38L, 608L, 576L));
    l.add(new LayerInfo("res1_conv2", "Conv 3×3, pad 1", List.of("res1_conv1"),
        Shape.map(2, 4, 4), 38L, 608L, 576L));
    l.add(new LayerInfo("res1", "Add 2 inputs, ReLU", List.of("res1_conv2", "input"),
        Shape.map(2, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("res2_conv1", "Conv 3×3, pad 1, ReLU", List.of("res1"),
        Shape.map(2, 4, 4), 38L, 608L, 576L));
    l.add(new LayerInfo("res2_conv2", "Conv 3×3, pad 1", List.of("res2_conv1"),
        Shape.map(2, 4, 4), 38L, 608L, 576L));
    l.add(new LayerInfo("res2", "Add 2 inputs, ReLU", List.of("res2_conv2", "res1"),
        Shape.map(2, 4, 4), 0L, 0L, 0L));
    l.add(new LayerInfo("out", "GlobalAvgPool 4×4", List.of("res2"), Shape.vector(2), 0L, 0L, 0L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(2, 4, 4)));
    a.add(LayerSpec.of("res1_conv1", "conv", List.of("input"), Shape.map(2, 4, 4), "filters", "2",
        "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "relu"));
    a.add(LayerSpec.of("res1_conv2", "conv", List.of("res1_conv1"), Shape.map(2, 4, 4), "filters",
        "2", "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1",
        "bias", "true", "activation", "identity"));
    a.add(LayerSpec.of("res1", "add", List.of("res1_conv2", "input"), Shape.map(2, 4, 4),
        "activation", "relu"));
    a.add(LayerSpec.of("res2_conv1", "conv", List.of("res1"), Shape.map(2, 4, 4), "filters", "2",
        "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1", "bias",
        "true", "activation", "relu"));
    a.add(LayerSpec.of("res2_conv2", "conv", List.of("res2_conv1"), Shape.map(2, 4, 4), "filters",
        "2", "kernel", "3x3", "stride", "1x1", "pad", "1x1", "dilation", "1x1", "groups", "1",
        "bias", "true", "activation", "identity"));
    a.add(LayerSpec.of("res2", "add", List.of("res2_conv2", "res1"), Shape.map(2, 4, 4),
        "activation", "relu"));
    a.add(LayerSpec.of("out", "global_avg_pool", List.of("res2"), Shape.vector(2)));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    res1_conv1$out = new float[0];
    res1_conv1$delta = new float[0];
    res1_conv2$out = new float[0];
    res1_conv2$delta = new float[0];
    res1$out = new float[0];
    res1$delta = new float[0];
    res2_conv1$out = new float[0];
    res2_conv1$delta = new float[0];
    res2_conv2$out = new float[0];
    res2_conv2$delta = new float[0];
    res2$out = new float[0];
    res2$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    res1_conv1$pad = new float[72];
    res1_conv1$padDelta = new float[72];
    res1_conv1$taps = new float[18][32];
    res1_conv1$acc = new float[2][32];
    res1_conv1$deltaWide = new float[52];
    res1_conv2$pad = new float[72];
    res1_conv2$padDelta = new float[72];
    res1_conv2$taps = new float[18][32];
    res1_conv2$acc = new float[2][32];
    res1_conv2$deltaWide = new float[52];
    res2_conv1$pad = new float[72];
    res2_conv1$padDelta = new float[72];
    res2_conv1$taps = new float[18][32];
    res2_conv1$acc = new float[2][32];
    res2_conv1$deltaWide = new float[52];
    res2_conv2$pad = new float[72];
    res2_conv2$padDelta = new float[72];
    res2_conv2$taps = new float[18][32];
    res2_conv2$acc = new float[2][32];
    res2_conv2$deltaWide = new float[52];
    res1_conv1$planes = new float[82];
    res1_conv2$planes = new float[82];
    res2_conv1$planes = new float[82];
    res2_conv2$planes = new float[82];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new ResidualsNet(parameters);
  }

  @Override
  public CompiledNetwork newWorker() {
    ResidualsNet w = new ResidualsNet(sharedParameters());
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
      res1_conv1Forward(n);
    }
    endLayer(1, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res1_conv2Forward(n);
    }
    endLayer(2, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res1Forward(n);
    }
    endLayer(3, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2_conv1Forward(n);
    }
    endLayer(4, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2_conv2Forward(n);
    }
    endLayer(5, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2Forward(n);
    }
    endLayer(6, false);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outForward(n);
    }
    endLayer(7, false);
  }

  @Override
  protected void backwardLayers() {
    if (inputGradient) {
      Arrays.fill(input$delta, 0, batch * INPUT_SIZE, 0f);
    }
    Arrays.fill(res1_conv1$delta, 0, batch * RES1_CONV1_SIZE, 0f);
    Arrays.fill(res1_conv2$delta, 0, batch * RES1_CONV2_SIZE, 0f);
    Arrays.fill(res1$delta, 0, batch * RES1_SIZE, 0f);
    Arrays.fill(res2_conv1$delta, 0, batch * RES2_CONV1_SIZE, 0f);
    Arrays.fill(res2_conv2$delta, 0, batch * RES2_CONV2_SIZE, 0f);
    Arrays.fill(res2$delta, 0, batch * RES2_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(7, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2Backward(n);
    }
    endLayer(6, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2_conv2Backward(n);
    }
    endLayer(5, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res2_conv1Backward(n);
    }
    endLayer(4, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res1Backward(n);
    }
    endLayer(3, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res1_conv2Backward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      res1_conv1Backward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return res1_conv1$out;
      case 2: return res1_conv2$out;
      case 3: return res1$out;
      case 4: return res2_conv1$out;
      case 5: return res2_conv2$out;
      case 6: return res2$out;
      case 7: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return res1_conv1$delta;
      case 2: return res1_conv2$delta;
      case 3: return res1$delta;
      case 4: return res2_conv1$delta;
      case 5: return res2_conv2$delta;
      case 6: return res2$delta;
      case 7: return out$delta;
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
    res1_conv1$out = new float[batch * RES1_CONV1_SIZE];
    res1_conv1$delta = new float[batch * RES1_CONV1_SIZE];
    res1_conv2$out = new float[batch * RES1_CONV2_SIZE];
    res1_conv2$delta = new float[batch * RES1_CONV2_SIZE];
    res1$out = new float[batch * RES1_SIZE];
    res1$delta = new float[batch * RES1_SIZE];
    res2_conv1$out = new float[batch * RES2_CONV1_SIZE];
    res2_conv1$delta = new float[batch * RES2_CONV1_SIZE];
    res2_conv2$out = new float[batch * RES2_CONV2_SIZE];
    res2_conv2$delta = new float[batch * RES2_CONV2_SIZE];
    res2$out = new float[batch * RES2_SIZE];
    res2$delta = new float[batch * RES2_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   *
   * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#res1_conv1Forward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void res1_conv1Forward(int n) {
    // res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res1_conv1Forward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = res1_conv1$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * RES1_CONV1_SIZE;
    Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
        res1_conv1$pad, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
        INPUT_C, INPUT_H, INPUT_W);
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 2; i++) {
      res1_conv1TapRows(res1_conv1$pad, i * 36, res1_conv1$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(res1_conv1$acc[o], p[RES1_CONV1_BIAS + o]);
    }
    for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res1_conv1TapGather(p, k, res1_conv1$taps, i * 9, res1_conv1$acc[o]);
      }
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(res1_conv1$acc[o], 0, RES1_CONV1_PITCH, RES1_CONV1_WIDE_LENGTH,
          y, yo + o * RES1_CONV1_H * RES1_CONV1_W, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          1, RES1_CONV1_H, RES1_CONV1_W);
    }
    for (int i = yo; i < yo + RES1_CONV1_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   */
  private void res1_conv1Backward(int n) {
    // res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res1_conv1Backward(n);
      return;
    }
    final float[] x = input$out;
    final float[] y = res1_conv1$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * RES1_CONV1_SIZE;
    final float[] dy = res1_conv1$delta;
    final float[] dx = input$delta;
    Relu.backward(y, dy, yo, RES1_CONV1_SIZE);
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 16;
      for (int j = 0; j < 16; j++) {
        s += dy[d + j];
      }
      g[RES1_CONV1_BIAS + o] += s;
    }
    Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
        res1_conv1$pad, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
        INPUT_C, INPUT_H, INPUT_W);
    for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res1_conv1WeightGrad(g, k, dy, yo + o * 16, res1_conv1$pad, i * 36);
      }
    }
    // the network's input gradient: only backward() needs it, not training (backwardParameters)
    if (inputGradient) {
      Arrays.fill(res1_conv1$padDelta, 0f);
      // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
      Planes.copy(dy, yo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          res1_conv1$deltaWide, RES1_CONV1_WIDE_MARGIN, RES1_CONV1_PITCH, RES1_CONV1_WIDE_DELTA_MAP,
          RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
      for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv1WideInputGrad(p, k, res1_conv1$deltaWide, 2 + o * 26, res1_conv1$padDelta, i * 36);
        }
      }
      Planes.add(res1_conv1$padDelta, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
          dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
    }
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void res1_conv1TapRows(final float[] plane, final int po, final float[][] taps,
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
  private static void res1_conv1TapGather(final float[] w, final int wo, final float[][] taps,
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
  private static void res1_conv1WideInputGrad(final float[] w, final int wo, final float[] delta,
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
  private static void res1_conv1WeightGrad(final float[] gw, final int wo, final float[] grid,
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
   * Forward, one sample: res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   *
   * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#res1_conv2Forward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void res1_conv2Forward(int n) {
    // res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res1_conv2Forward(n);
      return;
    }
    final float[] x = res1_conv1$out;
    final float[] y = res1_conv2$out;
    final int xo = n * RES1_CONV1_SIZE;
    final int yo = n * RES1_CONV2_SIZE;
    Planes.copy(x, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
        res1_conv2$pad, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
        RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 2; i++) {
      res1_conv2TapRows(res1_conv2$pad, i * 36, res1_conv2$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(res1_conv2$acc[o], p[RES1_CONV2_BIAS + o]);
    }
    for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res1_conv2TapGather(p, k, res1_conv2$taps, i * 9, res1_conv2$acc[o]);
      }
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(res1_conv2$acc[o], 0, RES1_CONV2_PITCH, RES1_CONV2_WIDE_LENGTH,
          y, yo + o * RES1_CONV2_H * RES1_CONV2_W, RES1_CONV2_W, RES1_CONV2_H * RES1_CONV2_W,
          1, RES1_CONV2_H, RES1_CONV2_W);
    }
  }

  /**
   * Backward, one sample: res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   */
  private void res1_conv2Backward(int n) {
    // res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res1_conv2Backward(n);
      return;
    }
    final float[] x = res1_conv1$out;
    final int xo = n * RES1_CONV1_SIZE;
    final int yo = n * RES1_CONV2_SIZE;
    final float[] dy = res1_conv2$delta;
    final float[] dx = res1_conv1$delta;
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 16;
      for (int j = 0; j < 16; j++) {
        s += dy[d + j];
      }
      g[RES1_CONV2_BIAS + o] += s;
    }
    Planes.copy(x, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
        res1_conv2$pad, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
        RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
    for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res1_conv2WeightGrad(g, k, dy, yo + o * 16, res1_conv2$pad, i * 36);
      }
    }
    Arrays.fill(res1_conv2$padDelta, 0f);
    // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
    Planes.copy(dy, yo, RES1_CONV2_W, RES1_CONV2_H * RES1_CONV2_W,
        res1_conv2$deltaWide, RES1_CONV2_WIDE_MARGIN, RES1_CONV2_PITCH, RES1_CONV2_WIDE_DELTA_MAP,
        RES1_CONV2_C, RES1_CONV2_H, RES1_CONV2_W);
    for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res1_conv2WideInputGrad(p, k, res1_conv2$deltaWide, 2 + o * 26, res1_conv2$padDelta, i * 36);
      }
    }
    Planes.add(res1_conv2$padDelta, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
        dx, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
        RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void res1_conv2TapRows(final float[] plane, final int po, final float[][] taps,
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
  private static void res1_conv2TapGather(final float[] w, final int wo, final float[][] taps,
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
  private static void res1_conv2WideInputGrad(final float[] w, final int wo, final float[] delta,
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
  private static void res1_conv2WeightGrad(final float[] gw, final int wo, final float[] grid,
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
   * Forward, one sample: res1: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
   */
  private void res1Forward(int n) {
    // res1: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
    final float[] x = res1_conv2$out;
    final float[] y = res1$out;
    final int xo = n * RES1_CONV2_SIZE;
    final int yo = n * RES1_SIZE;
    System.arraycopy(x, xo, y, yo, RES1_SIZE);
    final float[] x1 = input$out;
    for (int i = 0; i < RES1_SIZE; i++) {
      y[yo + i] += x1[xo + i];
    }
    for (int i = yo; i < yo + RES1_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: res1: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
   */
  private void res1Backward(int n) {
    // res1: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections, backward
    final float[] y = res1$out;
    final int xo = n * RES1_CONV2_SIZE;
    final int yo = n * RES1_SIZE;
    final float[] dy = res1$delta;
    Relu.backward(y, dy, yo, RES1_SIZE);
    final float[] dx0 = res1_conv2$delta;
    for (int i = 0; i < RES1_SIZE; i++) {
      dx0[xo + i] += dy[yo + i];
    }
    final float[] dx1 = input$delta;
    for (int i = 0; i < RES1_SIZE; i++) {
      dx1[xo + i] += dy[yo + i];
    }
  }

  /**
   * Forward, one sample: res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   *
   * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#res2_conv1Forward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void res2_conv1Forward(int n) {
    // res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res2_conv1Forward(n);
      return;
    }
    final float[] x = res1$out;
    final float[] y = res2_conv1$out;
    final int xo = n * RES1_SIZE;
    final int yo = n * RES2_CONV1_SIZE;
    Planes.copy(x, xo, RES1_W, RES1_H * RES1_W,
        res2_conv1$pad, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
        RES1_C, RES1_H, RES1_W);
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 2; i++) {
      res2_conv1TapRows(res2_conv1$pad, i * 36, res2_conv1$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(res2_conv1$acc[o], p[RES2_CONV1_BIAS + o]);
    }
    for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv1TapGather(p, k, res2_conv1$taps, i * 9, res2_conv1$acc[o]);
      }
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(res2_conv1$acc[o], 0, RES2_CONV1_PITCH, RES2_CONV1_WIDE_LENGTH,
          y, yo + o * RES2_CONV1_H * RES2_CONV1_W, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
          1, RES2_CONV1_H, RES2_CONV1_W);
    }
    for (int i = yo; i < yo + RES2_CONV1_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   */
  private void res2_conv1Backward(int n) {
    // res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res2_conv1Backward(n);
      return;
    }
    final float[] x = res1$out;
    final float[] y = res2_conv1$out;
    final int xo = n * RES1_SIZE;
    final int yo = n * RES2_CONV1_SIZE;
    final float[] dy = res2_conv1$delta;
    final float[] dx = res1$delta;
    Relu.backward(y, dy, yo, RES2_CONV1_SIZE);
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 16;
      for (int j = 0; j < 16; j++) {
        s += dy[d + j];
      }
      g[RES2_CONV1_BIAS + o] += s;
    }
    Planes.copy(x, xo, RES1_W, RES1_H * RES1_W,
        res2_conv1$pad, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
        RES1_C, RES1_H, RES1_W);
    for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv1WeightGrad(g, k, dy, yo + o * 16, res2_conv1$pad, i * 36);
      }
    }
    Arrays.fill(res2_conv1$padDelta, 0f);
    // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
    Planes.copy(dy, yo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
        res2_conv1$deltaWide, RES2_CONV1_WIDE_MARGIN, RES2_CONV1_PITCH, RES2_CONV1_WIDE_DELTA_MAP,
        RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
    for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv1WideInputGrad(p, k, res2_conv1$deltaWide, 2 + o * 26, res2_conv1$padDelta, i * 36);
      }
    }
    Planes.add(res2_conv1$padDelta, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
        dx, xo, RES1_W, RES1_H * RES1_W, RES1_C, RES1_H, RES1_W);
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void res2_conv1TapRows(final float[] plane, final int po, final float[][] taps,
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
  private static void res2_conv1TapGather(final float[] w, final int wo, final float[][] taps,
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
  private static void res2_conv1WideInputGrad(final float[] w, final int wo, final float[] delta,
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
  private static void res2_conv1WeightGrad(final float[] gw, final int wo, final float[] grid,
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
   * Forward, one sample: res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   *
   * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one
   * row-long loop.
   *
   * <p>Vector API variant ({@link VectorVariant#res2_conv2Forward}, when the JVM reads jdk.incubator.vector): tap rows:
   * stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is one row-long loop (with
   * the Vector API, forward, each tap's row read where it lies in the input map).
   */
  private void res2_conv2Forward(int n) {
    // res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res2_conv2Forward(n);
      return;
    }
    final float[] x = res2_conv1$out;
    final float[] y = res2_conv2$out;
    final int xo = n * RES2_CONV1_SIZE;
    final int yo = n * RES2_CONV2_SIZE;
    Planes.copy(x, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
        res2_conv2$pad, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
        RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
    // tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize
    for (int i = 0; i < 2; i++) {
      res2_conv2TapRows(res2_conv2$pad, i * 36, res2_conv2$taps, i * 9);
    }
    for (int o = 0; o < 2; o++) {
      Arrays.fill(res2_conv2$acc[o], p[RES2_CONV2_BIAS + o]);
    }
    for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv2TapGather(p, k, res2_conv2$taps, i * 9, res2_conv2$acc[o]);
      }
    }
    for (int o = 0; o < 2; o++) {
      Planes.copy(res2_conv2$acc[o], 0, RES2_CONV2_PITCH, RES2_CONV2_WIDE_LENGTH,
          y, yo + o * RES2_CONV2_H * RES2_CONV2_W, RES2_CONV2_W, RES2_CONV2_H * RES2_CONV2_W,
          1, RES2_CONV2_H, RES2_CONV2_W);
    }
  }

  /**
   * Backward, one sample: res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
   */
  private void res2_conv2Backward(int n) {
    // res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
    if (vectorVariant != null) {
      // the Vector API variant of this layer (jdk.incubator.vector)
      vectorVariant.res2_conv2Backward(n);
      return;
    }
    final float[] x = res2_conv1$out;
    final int xo = n * RES2_CONV1_SIZE;
    final int yo = n * RES2_CONV2_SIZE;
    final float[] dy = res2_conv2$delta;
    final float[] dx = res2_conv1$delta;
    for (int o = 0; o < 2; o++) {
      float s = 0;
      final int d = yo + o * 16;
      for (int j = 0; j < 16; j++) {
        s += dy[d + j];
      }
      g[RES2_CONV2_BIAS + o] += s;
    }
    Planes.copy(x, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
        res2_conv2$pad, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
        RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
    for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv2WeightGrad(g, k, dy, yo + o * 16, res2_conv2$pad, i * 36);
      }
    }
    Arrays.fill(res2_conv2$padDelta, 0f);
    // the delta in wide rows (zeros between rows and before each map), then the input gradient as a gather
    Planes.copy(dy, yo, RES2_CONV2_W, RES2_CONV2_H * RES2_CONV2_W,
        res2_conv2$deltaWide, RES2_CONV2_WIDE_MARGIN, RES2_CONV2_PITCH, RES2_CONV2_WIDE_DELTA_MAP,
        RES2_CONV2_C, RES2_CONV2_H, RES2_CONV2_W);
    for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
      for (int i = 0; i < 2; i++, k += 9) {
        res2_conv2WideInputGrad(p, k, res2_conv2$deltaWide, 2 + o * 26, res2_conv2$padDelta, i * 36);
      }
    }
    Planes.add(res2_conv2$padDelta, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
        dx, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
        RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
  }

  /**
   * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
   * kernel, 22 values each.
   */
  private static void res2_conv2TapRows(final float[] plane, final int po, final float[][] taps,
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
  private static void res2_conv2TapGather(final float[] w, final int wo, final float[][] taps,
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
  private static void res2_conv2WideInputGrad(final float[] w, final int wo, final float[] delta,
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
  private static void res2_conv2WeightGrad(final float[] gw, final int wo, final float[] grid,
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
   * Forward, one sample: res2: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
   */
  private void res2Forward(int n) {
    // res2: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
    final float[] x = res2_conv2$out;
    final float[] y = res2$out;
    final int xo = n * RES2_CONV2_SIZE;
    final int yo = n * RES2_SIZE;
    System.arraycopy(x, xo, y, yo, RES2_SIZE);
    final float[] x1 = res1$out;
    for (int i = 0; i < RES2_SIZE; i++) {
      y[yo + i] += x1[xo + i];
    }
    for (int i = yo; i < yo + RES2_SIZE; i++) {
      y[i] = Math.max(0f, y[i]);
    }
  }

  /**
   * Backward, one sample: res2: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections
   */
  private void res2Backward(int n) {
    // res2: Add 2 inputs, ReLU; 2×4×4 → 2×4×4, 0 parameters, 0 connections, backward
    final float[] y = res2$out;
    final int xo = n * RES2_CONV2_SIZE;
    final int yo = n * RES2_SIZE;
    final float[] dy = res2$delta;
    Relu.backward(y, dy, yo, RES2_SIZE);
    final float[] dx0 = res2_conv2$delta;
    for (int i = 0; i < RES2_SIZE; i++) {
      dx0[xo + i] += dy[yo + i];
    }
    final float[] dx1 = res1$delta;
    for (int i = 0; i < RES2_SIZE; i++) {
      dx1[xo + i] += dy[yo + i];
    }
  }

  /**
   * Forward, one sample: out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections
   */
  private void outForward(int n) {
    // out: GlobalAvgPool 4×4; 2×4×4 → 2, 0 parameters, 0 connections
    final float[] x = res2$out;
    final float[] y = out$out;
    final int xo = n * RES2_SIZE;
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
    final int xo = n * RES2_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = res2$delta;
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
     * Forward, one sample: res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     *
     * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void res1_conv1Forward(int n) {
      // res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
      final float[] x = input$out;
      final float[] y = res1_conv1$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * RES1_CONV1_SIZE;
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          res1_conv1$pad, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
          INPUT_C, INPUT_H, INPUT_W);
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(res1_conv1$pad, 0, res1_conv1$planes, 0, 72);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(res1_conv1$acc[o], p[RES1_CONV1_BIAS + o]);
      }
      for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv1PlaneGather(p, k, res1_conv1$planes, i * 36, res1_conv1$acc[o]);
        }
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(res1_conv1$acc[o], 0, RES1_CONV1_PITCH, RES1_CONV1_WIDE_LENGTH,
            y, yo + o * RES1_CONV1_H * RES1_CONV1_W, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
            1, RES1_CONV1_H, RES1_CONV1_W);
      }
      for (int i = yo; i < yo + RES1_CONV1_SIZE; i++) {
        y[i] = Math.max(0f, y[i]);
      }
    }

    /**
     * Backward, one sample: res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     */
    private void res1_conv1Backward(int n) {
      // res1_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
      final float[] x = input$out;
      final float[] y = res1_conv1$out;
      final int xo = n * INPUT_SIZE;
      final int yo = n * RES1_CONV1_SIZE;
      final float[] dy = res1_conv1$delta;
      final float[] dx = input$delta;
      Relu.backward(y, dy, yo, RES1_CONV1_SIZE);
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 16;
        for (int j = 0; j < 16; j++) {
          s += dy[d + j];
        }
        g[RES1_CONV1_BIAS + o] += s;
      }
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          res1_conv1$pad, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
          INPUT_C, INPUT_H, INPUT_W);
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 2; i++) {
        res1_conv1TapRows(res1_conv1$pad, i * 36, res1_conv1$taps, i * 9);
      }
      Planes.copy(dy, yo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          res1_conv1$deltaWide, RES1_CONV1_WIDE_MARGIN, RES1_CONV1_PITCH, RES1_CONV1_WIDE_DELTA_MAP,
          RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
      for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv1TapWeightGrad(g, k, res1_conv1$taps, i * 9, res1_conv1$deltaWide, 2 + o * 26);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        Arrays.fill(res1_conv1$padDelta, 0f);
        for (int o = 0, k = RES1_CONV1_WEIGHT; o < 2; o++) {
          for (int i = 0; i < 2; i++, k += 9) {
            res1_conv1WideInputGrad(p, k, res1_conv1$deltaWide, 2 + o * 26, res1_conv1$padDelta, i * 36);
          }
        }
        Planes.add(res1_conv1$padDelta, RES1_CONV1_PAD_START, RES1_CONV1_PITCH, RES1_CONV1_PAD_PLANE,
            dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
      }
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 22 values each.
     */
    private static void res1_conv1TapRows(final float[] plane, final int po, final float[][] taps,
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
    private static void res1_conv1PlaneGather(final float[] w, final int wo, final float[] plane,
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
    private static void res1_conv1WideInputGrad(final float[] w, final int wo, final float[] delta,
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
    private static void res1_conv1TapWeightGrad(final float[] gw, final int wo,
        final float[][] taps, final int to, final float[] delta, final int dlo) {
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
     * Forward, one sample: res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     *
     * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void res1_conv2Forward(int n) {
      // res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
      final float[] x = res1_conv1$out;
      final float[] y = res1_conv2$out;
      final int xo = n * RES1_CONV1_SIZE;
      final int yo = n * RES1_CONV2_SIZE;
      Planes.copy(x, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          res1_conv2$pad, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
          RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(res1_conv2$pad, 0, res1_conv2$planes, 0, 72);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(res1_conv2$acc[o], p[RES1_CONV2_BIAS + o]);
      }
      for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv2PlaneGather(p, k, res1_conv2$planes, i * 36, res1_conv2$acc[o]);
        }
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(res1_conv2$acc[o], 0, RES1_CONV2_PITCH, RES1_CONV2_WIDE_LENGTH,
            y, yo + o * RES1_CONV2_H * RES1_CONV2_W, RES1_CONV2_W, RES1_CONV2_H * RES1_CONV2_W,
            1, RES1_CONV2_H, RES1_CONV2_W);
      }
    }

    /**
     * Backward, one sample: res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     */
    private void res1_conv2Backward(int n) {
      // res1_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
      final float[] x = res1_conv1$out;
      final int xo = n * RES1_CONV1_SIZE;
      final int yo = n * RES1_CONV2_SIZE;
      final float[] dy = res1_conv2$delta;
      final float[] dx = res1_conv1$delta;
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 16;
        for (int j = 0; j < 16; j++) {
          s += dy[d + j];
        }
        g[RES1_CONV2_BIAS + o] += s;
      }
      Planes.copy(x, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          res1_conv2$pad, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
          RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 2; i++) {
        res1_conv2TapRows(res1_conv2$pad, i * 36, res1_conv2$taps, i * 9);
      }
      Planes.copy(dy, yo, RES1_CONV2_W, RES1_CONV2_H * RES1_CONV2_W,
          res1_conv2$deltaWide, RES1_CONV2_WIDE_MARGIN, RES1_CONV2_PITCH, RES1_CONV2_WIDE_DELTA_MAP,
          RES1_CONV2_C, RES1_CONV2_H, RES1_CONV2_W);
      for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv2TapWeightGrad(g, k, res1_conv2$taps, i * 9, res1_conv2$deltaWide, 2 + o * 26);
        }
      }
      Arrays.fill(res1_conv2$padDelta, 0f);
      for (int o = 0, k = RES1_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res1_conv2WideInputGrad(p, k, res1_conv2$deltaWide, 2 + o * 26, res1_conv2$padDelta, i * 36);
        }
      }
      Planes.add(res1_conv2$padDelta, RES1_CONV2_PAD_START, RES1_CONV2_PITCH, RES1_CONV2_PAD_PLANE,
          dx, xo, RES1_CONV1_W, RES1_CONV1_H * RES1_CONV1_W,
          RES1_CONV1_C, RES1_CONV1_H, RES1_CONV1_W);
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 22 values each.
     */
    private static void res1_conv2TapRows(final float[] plane, final int po, final float[][] taps,
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
    private static void res1_conv2PlaneGather(final float[] w, final int wo, final float[] plane,
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
    private static void res1_conv2WideInputGrad(final float[] w, final int wo, final float[] delta,
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
    private static void res1_conv2TapWeightGrad(final float[] gw, final int wo,
        final float[][] taps, final int to, final float[] delta, final int dlo) {
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
     * Forward, one sample: res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     *
     * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void res2_conv1Forward(int n) {
      // res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
      final float[] x = res1$out;
      final float[] y = res2_conv1$out;
      final int xo = n * RES1_SIZE;
      final int yo = n * RES2_CONV1_SIZE;
      Planes.copy(x, xo, RES1_W, RES1_H * RES1_W,
          res2_conv1$pad, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
          RES1_C, RES1_H, RES1_W);
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(res2_conv1$pad, 0, res2_conv1$planes, 0, 72);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(res2_conv1$acc[o], p[RES2_CONV1_BIAS + o]);
      }
      for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv1PlaneGather(p, k, res2_conv1$planes, i * 36, res2_conv1$acc[o]);
        }
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(res2_conv1$acc[o], 0, RES2_CONV1_PITCH, RES2_CONV1_WIDE_LENGTH,
            y, yo + o * RES2_CONV1_H * RES2_CONV1_W, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
            1, RES2_CONV1_H, RES2_CONV1_W);
      }
      for (int i = yo; i < yo + RES2_CONV1_SIZE; i++) {
        y[i] = Math.max(0f, y[i]);
      }
    }

    /**
     * Backward, one sample: res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     */
    private void res2_conv1Backward(int n) {
      // res2_conv1: Conv 3×3, pad 1, ReLU; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
      final float[] x = res1$out;
      final float[] y = res2_conv1$out;
      final int xo = n * RES1_SIZE;
      final int yo = n * RES2_CONV1_SIZE;
      final float[] dy = res2_conv1$delta;
      final float[] dx = res1$delta;
      Relu.backward(y, dy, yo, RES2_CONV1_SIZE);
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 16;
        for (int j = 0; j < 16; j++) {
          s += dy[d + j];
        }
        g[RES2_CONV1_BIAS + o] += s;
      }
      Planes.copy(x, xo, RES1_W, RES1_H * RES1_W,
          res2_conv1$pad, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
          RES1_C, RES1_H, RES1_W);
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 2; i++) {
        res2_conv1TapRows(res2_conv1$pad, i * 36, res2_conv1$taps, i * 9);
      }
      Planes.copy(dy, yo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
          res2_conv1$deltaWide, RES2_CONV1_WIDE_MARGIN, RES2_CONV1_PITCH, RES2_CONV1_WIDE_DELTA_MAP,
          RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
      for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv1TapWeightGrad(g, k, res2_conv1$taps, i * 9, res2_conv1$deltaWide, 2 + o * 26);
        }
      }
      Arrays.fill(res2_conv1$padDelta, 0f);
      for (int o = 0, k = RES2_CONV1_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv1WideInputGrad(p, k, res2_conv1$deltaWide, 2 + o * 26, res2_conv1$padDelta, i * 36);
        }
      }
      Planes.add(res2_conv1$padDelta, RES2_CONV1_PAD_START, RES2_CONV1_PITCH, RES2_CONV1_PAD_PLANE,
          dx, xo, RES1_W, RES1_H * RES1_W, RES1_C, RES1_H, RES1_W);
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 22 values each.
     */
    private static void res2_conv1TapRows(final float[] plane, final int po, final float[][] taps,
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
    private static void res2_conv1PlaneGather(final float[] w, final int wo, final float[] plane,
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
    private static void res2_conv1WideInputGrad(final float[] w, final int wo, final float[] delta,
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
    private static void res2_conv1TapWeightGrad(final float[] gw, final int wo,
        final float[][] taps, final int to, final float[] delta, final int dlo) {
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
     * Forward, one sample: res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     *
     * <p>Strategy: tap rows: stride 1 and 396 shifted values fit the budget of 1048576, so every tap of every pair is
     * one row-long loop (with the Vector API, forward, each tap's row read where it lies in the input map).
     */
    private void res2_conv2Forward(int n) {
      // res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
      final float[] x = res2_conv1$out;
      final float[] y = res2_conv2$out;
      final int xo = n * RES2_CONV1_SIZE;
      final int yo = n * RES2_CONV2_SIZE;
      Planes.copy(x, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
          res2_conv2$pad, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
          RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
      // the taps read straight from the input maps (a copy with room after the last one)
      System.arraycopy(res2_conv2$pad, 0, res2_conv2$planes, 0, 72);
      for (int o = 0; o < 2; o++) {
        Arrays.fill(res2_conv2$acc[o], p[RES2_CONV2_BIAS + o]);
      }
      for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv2PlaneGather(p, k, res2_conv2$planes, i * 36, res2_conv2$acc[o]);
        }
      }
      for (int o = 0; o < 2; o++) {
        Planes.copy(res2_conv2$acc[o], 0, RES2_CONV2_PITCH, RES2_CONV2_WIDE_LENGTH,
            y, yo + o * RES2_CONV2_H * RES2_CONV2_W, RES2_CONV2_W, RES2_CONV2_H * RES2_CONV2_W,
            1, RES2_CONV2_H, RES2_CONV2_W);
      }
    }

    /**
     * Backward, one sample: res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections
     */
    private void res2_conv2Backward(int n) {
      // res2_conv2: Conv 3×3, pad 1; 2×4×4 → 2×4×4, 38 parameters, 608 connections, backward
      final float[] x = res2_conv1$out;
      final int xo = n * RES2_CONV1_SIZE;
      final int yo = n * RES2_CONV2_SIZE;
      final float[] dy = res2_conv2$delta;
      final float[] dx = res2_conv1$delta;
      for (int o = 0; o < 2; o++) {
        float s = 0;
        final int d = yo + o * 16;
        for (int j = 0; j < 16; j++) {
          s += dy[d + j];
        }
        g[RES2_CONV2_BIAS + o] += s;
      }
      Planes.copy(x, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
          res2_conv2$pad, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
          RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
      // tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products
      for (int i = 0; i < 2; i++) {
        res2_conv2TapRows(res2_conv2$pad, i * 36, res2_conv2$taps, i * 9);
      }
      Planes.copy(dy, yo, RES2_CONV2_W, RES2_CONV2_H * RES2_CONV2_W,
          res2_conv2$deltaWide, RES2_CONV2_WIDE_MARGIN, RES2_CONV2_PITCH, RES2_CONV2_WIDE_DELTA_MAP,
          RES2_CONV2_C, RES2_CONV2_H, RES2_CONV2_W);
      for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv2TapWeightGrad(g, k, res2_conv2$taps, i * 9, res2_conv2$deltaWide, 2 + o * 26);
        }
      }
      Arrays.fill(res2_conv2$padDelta, 0f);
      for (int o = 0, k = RES2_CONV2_WEIGHT; o < 2; o++) {
        for (int i = 0; i < 2; i++, k += 9) {
          res2_conv2WideInputGrad(p, k, res2_conv2$deltaWide, 2 + o * 26, res2_conv2$padDelta, i * 36);
        }
      }
      Planes.add(res2_conv2$padDelta, RES2_CONV2_PAD_START, RES2_CONV2_PITCH, RES2_CONV2_PAD_PLANE,
          dx, xo, RES2_CONV1_W, RES2_CONV1_H * RES2_CONV1_W,
          RES2_CONV1_C, RES2_CONV1_H, RES2_CONV1_W);
    }

    /**
     * Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap of the 3×3
     * kernel, 22 values each.
     */
    private static void res2_conv2TapRows(final float[] plane, final int po, final float[][] taps,
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
    private static void res2_conv2PlaneGather(final float[] w, final int wo, final float[] plane,
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
    private static void res2_conv2WideInputGrad(final float[] w, final int wo, final float[] delta,
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
    private static void res2_conv2TapWeightGrad(final float[] gw, final int wo,
        final float[][] taps, final int to, final float[] delta, final int dlo) {
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
