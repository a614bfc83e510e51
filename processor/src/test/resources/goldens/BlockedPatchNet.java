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
import dev.convnet.runtime.internal.BlockedConv;
import dev.convnet.runtime.internal.BlockedLayer;
import dev.convnet.runtime.internal.GeneratedNetwork;
import dev.convnet.runtime.internal.NetworkInfo;
import dev.convnet.runtime.internal.Vectorization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The network {@link golden.BlockedPatch}, compiled by convnet-compiler.
 *
 * <pre>
 * layer          kind                                     output         parameters    connections
 * input          Input                                    3×9×9                   0              0
 * stem           Conv 7×7, stride 2, pad 3, no bias       16×5×5              2,352         58,800
 * out            GlobalAvgPool 5×5                        16                      0              0
 * total                                                                       2,352         58,800
 * </pre>
 * 2,352 trainable parameters; 58,800 multiply-accumulates per sample in the forward pass.
 */
@Generated(
    value = "dev.convnet.processor.NetworkProcessor",
    comments = "from golden.BlockedPatch"
)
public final class BlockedPatchNet extends GeneratedNetwork {
  public static final String NAME = "BlockedPatch";

  /**
   * input: 3×9×9
   */
  public static final int INPUT_C = 3;

  public static final int INPUT_H = 9;

  public static final int INPUT_W = 9;

  public static final int INPUT_SIZE = 243;

  /**
   * stem: 16×5×5
   */
  public static final int STEM_C = 16;

  public static final int STEM_H = 5;

  public static final int STEM_W = 5;

  public static final int STEM_SIZE = 400;

  /**
   * out: 16
   */
  public static final int OUT_C = 16;

  public static final int OUT_H = 1;

  public static final int OUT_W = 1;

  public static final int OUT_SIZE = 16;

  /**
   * Trainable parameters.
   */
  public static final long PARAMETER_COUNT = 2352L;

  /**
   * Multiply-accumulates per sample in the forward pass (58,800).
   */
  public static final long MACS = 58800L;

  /**
   * Offset of stem.weight (2352 values) in the parameter buffer.
   */
  static final int STEM_WEIGHT = 0;

  /**
   * Names, shapes and offsets of the 2,352 parameters.
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
  static final String FORMER_FINGERPRINT = "8c2107ebac60a6821b6ccb94c4450d88";

  private static final NetworkInfo INFO = new NetworkInfo(NAME, LAYERS, ARCHITECTURE, LAYOUT,
      FINGERPRINT, List.of(FORMER_FINGERPRINT));

  /**
   * First value of the input map in stem's padded planes: row 3, column 3 (numbered from 0).
   */
  private static final int STEM_PAD_START = 48;

  /**
   * Row pitch of stem's padded input planes and wide rows.
   */
  private static final int STEM_PITCH = 15;

  /**
   * Values of one of stem's padded input planes: 15 rows × 15.
   */
  private static final int STEM_PAD_PLANE = 225;

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
   * stem's blocked Vector API kernels, or null when the plain kernels run.
   */
  private final BlockedConv stem$blocked = Vectorization.patchConv(INPUT_C, STEM_C, INPUT_H, INPUT_W,
      7, 7, 2, 2, 3, 3, 1, 1, STEM_H, STEM_W);

  /**
   * The batch size the per-batch buffers hold.
   */
  private int capacity;

  /**
   * input: activations, 3×9×9 per sample.
   */
  private float[] input$out;

  /**
   * input: d(loss)/d(activations).
   */
  private float[] input$delta;

  /**
   * stem: activations, 16×5×5 per sample.
   */
  private float[] stem$out;

  /**
   * stem: d(loss)/d(activations).
   */
  private float[] stem$delta;

  /**
   * out: activations, 16 per sample.
   */
  private float[] out$out;

  /**
   * out: d(loss)/d(activations).
   */
  private float[] out$delta;

  /**
   * the input sample with its zero border.
   */
  private float[] stem$pad;

  /**
   * d(loss)/d(padded input) of one sample.
   */
  private float[] stem$padDelta;

  /**
   * A network with fresh parameters, initialized as PyTorch does by default with seed 1.
   */
  public BlockedPatchNet() {
    this(new Parameters(LAYOUT).initialize(Init.PYTORCH_DEFAULT, 1L));
  }

  /**
   * A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).
   *
   * @throws IllegalArgumentException if the parameters belong to another network
   */
  public BlockedPatchNet(Parameters parameters) {
    super(INFO, parameters);
    allocate();
    reseed();
  }

  private static ParameterLayout buildLayout() {
    ParameterLayout.Builder b = ParameterLayout.builder();
    b.add("stem.weight", "stem", ParamSlot.Role.WEIGHT, new int[] {16, 3, 7, 7}, 147, 784);
    return b.build();
  }

  private static List<LayerInfo> layerInfos() {
    List<LayerInfo> l = new ArrayList<>();
    l.add(new LayerInfo("input", "Input", List.of(), Shape.map(3, 9, 9), 0L, 0L, 0L));
    l.add(new LayerInfo("stem", "Conv 7×7, stride 2, pad 3, no bias", List.of("input"),
        Shape.map(16, 5, 5), 2352L, 58800L, 58800L));
    l.add(new LayerInfo("out", "GlobalAvgPool 5×5", List.of("stem"), Shape.vector(16), 0L, 0L, 0L));
    return List.copyOf(l);
  }

  private static List<LayerSpec> architectureSpecs() {
    List<LayerSpec> a = new ArrayList<>();
    a.add(LayerSpec.of("input", "input", List.of(), Shape.map(3, 9, 9)));
    a.add(LayerSpec.of("stem", "conv", List.of("input"), Shape.map(16, 5, 5), "filters", "16",
        "kernel", "7x7", "stride", "2x2", "pad", "3x3", "dilation", "1x1", "groups", "1", "bias",
        "false", "activation", "identity"));
    a.add(LayerSpec.of("out", "global_avg_pool", List.of("stem"), Shape.vector(16)));
    return List.copyOf(a);
  }

  /**
   * Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.
   */
  private void allocate() {
    input$out = new float[0];
    input$delta = new float[0];
    stem$out = new float[0];
    stem$delta = new float[0];
    out$out = new float[0];
    out$delta = new float[0];
    stem$pad = new float[675];
    stem$padDelta = new float[675];
  }

  /**
   * Seeds the random streams (dropout masks) of this instance from the declared seeds and {@code stream}.
   */
  private void reseed() {
  }

  @Override
  protected GeneratedNetwork withParameters(Parameters parameters) {
    return new BlockedPatchNet(parameters);
  }

  /**
   * The layers' Vector API kernels (null where the plain kernels run).
   */
  @Override
  protected BlockedLayer[] blockedLayers() {
    return new BlockedLayer[] {stem$blocked};
  }

  @Override
  public CompiledNetwork newWorker() {
    BlockedPatchNet w = new BlockedPatchNet(sharedParameters());
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
      stemForward(n);
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
    Arrays.fill(stem$delta, 0, batch * STEM_SIZE, 0f);
    Arrays.fill(g, 0f);
    startLayer();
    for (int n = 0; n < batch; n++) {
      outBackward(n);
    }
    endLayer(2, true);
    startLayer();
    for (int n = 0; n < batch; n++) {
      stemBackward(n);
    }
    endLayer(1, true);
  }

  @Override
  protected float[] activations(int layer) {
    switch (layer) {
      case 0: return input$out;
      case 1: return stem$out;
      case 2: return out$out;
      default: throw new IndexOutOfBoundsException("no layer " + layer);
    }
  }

  @Override
  protected float[] deltas(int layer) {
    switch (layer) {
      case 0: return input$delta;
      case 1: return stem$delta;
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
    stem$out = new float[batch * STEM_SIZE];
    stem$delta = new float[batch * STEM_SIZE];
    out$out = new float[batch * OUT_SIZE];
    out$delta = new float[batch * OUT_SIZE];
    capacity = batch;
  }

  /**
   * Forward, one sample: stem: Conv 7×7, stride 2, pad 3, no bias; 3×9×9 → 16×5×5, 2,352 parameters, 58,800 connections
   *
   * <p>Strategy: blocked Vector API kernels when the JVM reads jdk.incubator.vector (3 → 16 maps, each window gathered
   * into a row of 147 values (im2col), then a 1×1 product by register tiles of output-channel vectors × 6 or 7
   * positions, weights packed once per pass); else direct window kernels: stride 2 leaves no contiguous output rows to
   * vectorize.
   */
  private void stemForward(int n) {
    // stem: Conv 7×7, stride 2, pad 3, no bias; 3×9×9 → 16×5×5, 2,352 parameters, 58,800 connections
    final float[] x = input$out;
    final float[] y = stem$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * STEM_SIZE;
    if (stem$blocked != null) {
      // blocked Vector API kernels; the weights packed before a pass's first sample if they changed, and
      // the whole batch computed then where the kernels batch this layer (its per-sample calls do nothing)
      if (n == 0) {
        if (weightsMayChange()) {
          stem$blocked.packForward(p, STEM_WEIGHT);
        }
        stem$blocked.forwardBatch(p, -1, x, y, batch);
      }
      stem$blocked.forward(p, -1, x, xo, y, yo);
    } else {
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          stem$pad, STEM_PAD_START, STEM_PITCH, STEM_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      for (int o = 0; o < 16; o++) {
        Arrays.fill(y, yo + o * 25, yo + (o + 1) * 25, 0f);
      }
      for (int o = 0, k = STEM_WEIGHT; o < 16; o++) {
        for (int i = 0; i < 3; i++, k += 49) {
          stemGather(p, k, stem$pad, i * 225, y, yo + o * 25);
        }
      }
    }
  }

  /**
   * Backward, one sample: stem: Conv 7×7, stride 2, pad 3, no bias; 3×9×9 → 16×5×5, 2,352 parameters, 58,800
   * connections
   */
  private void stemBackward(int n) {
    // stem: Conv 7×7, stride 2, pad 3, no bias; 3×9×9 → 16×5×5, 2,352 parameters, 58,800 connections, backward
    final float[] x = input$out;
    final int xo = n * INPUT_SIZE;
    final int yo = n * STEM_SIZE;
    final float[] dy = stem$delta;
    final float[] dx = input$delta;
    if (stem$blocked != null) {
      // blocked kernels: the weight gradient summed over the pass, added into g after its last sample
      if (n == 0) {
        stem$blocked.beginBackward(p, STEM_WEIGHT);
      }
      stem$blocked.backward(x, xo, dy, yo, inputGradient ? dx : null);
      if (n == batch - 1) {
        stem$blocked.endBackward(g, STEM_WEIGHT);
      }
    } else {
      Planes.copy(x, xo, INPUT_W, INPUT_H * INPUT_W,
          stem$pad, STEM_PAD_START, STEM_PITCH, STEM_PAD_PLANE, INPUT_C, INPUT_H, INPUT_W);
      for (int o = 0, k = STEM_WEIGHT; o < 16; o++) {
        for (int i = 0; i < 3; i++, k += 49) {
          stemWeightGrad(g, k, dy, yo + o * 25, stem$pad, i * 225);
        }
      }
      // the network's input gradient: only backward() needs it, not training (backwardParameters)
      if (inputGradient) {
        Arrays.fill(stem$padDelta, 0f);
        for (int o = 0, k = STEM_WEIGHT; o < 16; o++) {
          for (int i = 0; i < 3; i++, k += 49) {
            stemScatter(p, k, dy, yo + o * 25, stem$padDelta, i * 225);
          }
        }
        Planes.add(stem$padDelta, STEM_PAD_START, STEM_PITCH, STEM_PAD_PLANE,
            dx, xo, INPUT_W, INPUT_H * INPUT_W, INPUT_C, INPUT_H, INPUT_W);
      }
    }
  }

  /**
   * Gather: {@code grid[y][x] += Σ w[ky][kx] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>7×7 kernel, stride 2, dilation 1; 5×5 grid over a 15×15 plane.
   */
  private static void stemGather(final float[] w, final int wo, final float[] plane, final int po,
      final float[] grid, final int go) {
    for (int y = 0; y < 5; y++) {
      final int row = po + y * 30;
      final int gr = go + y * 5;
      for (int ky = 0; ky < 7; ky++) {
        final int pr = row + ky * 15;
        final int wr = wo + ky * 7;
        final float w0 = w[wr], w1 = w[wr + 1], w2 = w[wr + 2], w3 = w[wr + 3], w4 = w[wr + 4],
            w5 = w[wr + 5], w6 = w[wr + 6];
        for (int x = 0; x < 5; x++) {
          final int c = pr + x * 2;
          grid[gr + x] += w0 * plane[c] + w1 * plane[c + 1] + w2 * plane[c + 2] +
              w3 * plane[c + 3] + w4 * plane[c + 4] + w5 * plane[c + 5] + w6 * plane[c + 6];
        }
      }
    }
  }

  /**
   * Scatter: {@code plane[y·s + ky·d][x·s + kx·d] += w[ky][kx] · grid[y][x]}, the adjoint of gather: the full
   * convolution of the grid (dilated by the stride) with the kernel rotated by 180°.
   * <p>7×7 kernel, stride 2, dilation 1; 5×5 grid over a 15×15 plane.
   */
  private static void stemScatter(final float[] w, final int wo, final float[] grid, final int go,
      final float[] plane, final int po) {
    final float w0 = w[wo], w1 = w[wo + 1], w2 = w[wo + 2], w3 = w[wo + 3], w4 = w[wo + 4],
        w5 = w[wo + 5], w6 = w[wo + 6], w7 = w[wo + 7], w8 = w[wo + 8], w9 = w[wo + 9],
        w10 = w[wo + 10], w11 = w[wo + 11], w12 = w[wo + 12], w13 = w[wo + 13], w14 = w[wo + 14],
        w15 = w[wo + 15], w16 = w[wo + 16], w17 = w[wo + 17], w18 = w[wo + 18], w19 = w[wo + 19],
        w20 = w[wo + 20], w21 = w[wo + 21], w22 = w[wo + 22], w23 = w[wo + 23], w24 = w[wo + 24],
        w25 = w[wo + 25], w26 = w[wo + 26], w27 = w[wo + 27], w28 = w[wo + 28], w29 = w[wo + 29],
        w30 = w[wo + 30], w31 = w[wo + 31], w32 = w[wo + 32], w33 = w[wo + 33], w34 = w[wo + 34],
        w35 = w[wo + 35], w36 = w[wo + 36], w37 = w[wo + 37], w38 = w[wo + 38], w39 = w[wo + 39],
        w40 = w[wo + 40], w41 = w[wo + 41], w42 = w[wo + 42], w43 = w[wo + 43], w44 = w[wo + 44],
        w45 = w[wo + 45], w46 = w[wo + 46], w47 = w[wo + 47], w48 = w[wo + 48];
    for (int y = 0; y < 5; y++) {
      final int row = po + y * 30;
      final int gr = go + y * 5;
      for (int x = 0; x < 5; x++) {
        final int c = row + x * 2;
        final int gi = gr + x;
        final float v = grid[gi];
        plane[c] += w0 * v;
        plane[c + 1] += w1 * v;
        plane[c + 2] += w2 * v;
        plane[c + 3] += w3 * v;
        plane[c + 4] += w4 * v;
        plane[c + 5] += w5 * v;
        plane[c + 6] += w6 * v;
        plane[c + 15] += w7 * v;
        plane[c + 16] += w8 * v;
        plane[c + 17] += w9 * v;
        plane[c + 18] += w10 * v;
        plane[c + 19] += w11 * v;
        plane[c + 20] += w12 * v;
        plane[c + 21] += w13 * v;
        plane[c + 30] += w14 * v;
        plane[c + 31] += w15 * v;
        plane[c + 32] += w16 * v;
        plane[c + 33] += w17 * v;
        plane[c + 34] += w18 * v;
        plane[c + 35] += w19 * v;
        plane[c + 36] += w20 * v;
        plane[c + 45] += w21 * v;
        plane[c + 46] += w22 * v;
        plane[c + 47] += w23 * v;
        plane[c + 48] += w24 * v;
        plane[c + 49] += w25 * v;
        plane[c + 50] += w26 * v;
        plane[c + 51] += w27 * v;
        plane[c + 60] += w28 * v;
        plane[c + 61] += w29 * v;
        plane[c + 62] += w30 * v;
        plane[c + 63] += w31 * v;
        plane[c + 64] += w32 * v;
        plane[c + 65] += w33 * v;
        plane[c + 66] += w34 * v;
        plane[c + 75] += w35 * v;
        plane[c + 76] += w36 * v;
        plane[c + 77] += w37 * v;
        plane[c + 78] += w38 * v;
        plane[c + 79] += w39 * v;
        plane[c + 80] += w40 * v;
        plane[c + 81] += w41 * v;
        plane[c + 90] += w42 * v;
        plane[c + 91] += w43 * v;
        plane[c + 92] += w44 * v;
        plane[c + 93] += w45 * v;
        plane[c + 94] += w46 * v;
        plane[c + 95] += w47 * v;
        plane[c + 96] += w48 * v;
      }
    }
  }

  /**
   * Weight gradient: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}.
   * <p>7×7 kernel, stride 2, dilation 1; 5×5 grid over a 15×15 plane.
   */
  private static void stemWeightGrad(final float[] gw, final int wo, final float[] grid,
      final int go, final float[] plane, final int po) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0,
        s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0, s17 = 0, s18 = 0, s19 = 0, s20 = 0,
        s21 = 0, s22 = 0, s23 = 0, s24 = 0, s25 = 0, s26 = 0, s27 = 0, s28 = 0, s29 = 0, s30 = 0,
        s31 = 0, s32 = 0, s33 = 0, s34 = 0, s35 = 0, s36 = 0, s37 = 0, s38 = 0, s39 = 0, s40 = 0,
        s41 = 0, s42 = 0, s43 = 0, s44 = 0, s45 = 0, s46 = 0, s47 = 0, s48 = 0;
    for (int y = 0; y < 5; y++) {
      final int row = po + y * 30;
      final int gr = go + y * 5;
      for (int x = 0; x < 5; x++) {
        final int c = row + x * 2;
        final int gi = gr + x;
        final float v = grid[gi];
        s0 += v * plane[c];
        s1 += v * plane[c + 1];
        s2 += v * plane[c + 2];
        s3 += v * plane[c + 3];
        s4 += v * plane[c + 4];
        s5 += v * plane[c + 5];
        s6 += v * plane[c + 6];
        s7 += v * plane[c + 15];
        s8 += v * plane[c + 16];
        s9 += v * plane[c + 17];
        s10 += v * plane[c + 18];
        s11 += v * plane[c + 19];
        s12 += v * plane[c + 20];
        s13 += v * plane[c + 21];
        s14 += v * plane[c + 30];
        s15 += v * plane[c + 31];
        s16 += v * plane[c + 32];
        s17 += v * plane[c + 33];
        s18 += v * plane[c + 34];
        s19 += v * plane[c + 35];
        s20 += v * plane[c + 36];
        s21 += v * plane[c + 45];
        s22 += v * plane[c + 46];
        s23 += v * plane[c + 47];
        s24 += v * plane[c + 48];
        s25 += v * plane[c + 49];
        s26 += v * plane[c + 50];
        s27 += v * plane[c + 51];
        s28 += v * plane[c + 60];
        s29 += v * plane[c + 61];
        s30 += v * plane[c + 62];
        s31 += v * plane[c + 63];
        s32 += v * plane[c + 64];
        s33 += v * plane[c + 65];
        s34 += v * plane[c + 66];
        s35 += v * plane[c + 75];
        s36 += v * plane[c + 76];
        s37 += v * plane[c + 77];
        s38 += v * plane[c + 78];
        s39 += v * plane[c + 79];
        s40 += v * plane[c + 80];
        s41 += v * plane[c + 81];
        s42 += v * plane[c + 90];
        s43 += v * plane[c + 91];
        s44 += v * plane[c + 92];
        s45 += v * plane[c + 93];
        s46 += v * plane[c + 94];
        s47 += v * plane[c + 95];
        s48 += v * plane[c + 96];
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
    gw[wo + 9] += s9;
    gw[wo + 10] += s10;
    gw[wo + 11] += s11;
    gw[wo + 12] += s12;
    gw[wo + 13] += s13;
    gw[wo + 14] += s14;
    gw[wo + 15] += s15;
    gw[wo + 16] += s16;
    gw[wo + 17] += s17;
    gw[wo + 18] += s18;
    gw[wo + 19] += s19;
    gw[wo + 20] += s20;
    gw[wo + 21] += s21;
    gw[wo + 22] += s22;
    gw[wo + 23] += s23;
    gw[wo + 24] += s24;
    gw[wo + 25] += s25;
    gw[wo + 26] += s26;
    gw[wo + 27] += s27;
    gw[wo + 28] += s28;
    gw[wo + 29] += s29;
    gw[wo + 30] += s30;
    gw[wo + 31] += s31;
    gw[wo + 32] += s32;
    gw[wo + 33] += s33;
    gw[wo + 34] += s34;
    gw[wo + 35] += s35;
    gw[wo + 36] += s36;
    gw[wo + 37] += s37;
    gw[wo + 38] += s38;
    gw[wo + 39] += s39;
    gw[wo + 40] += s40;
    gw[wo + 41] += s41;
    gw[wo + 42] += s42;
    gw[wo + 43] += s43;
    gw[wo + 44] += s44;
    gw[wo + 45] += s45;
    gw[wo + 46] += s46;
    gw[wo + 47] += s47;
    gw[wo + 48] += s48;
  }

  /**
   * Forward, one sample: out: GlobalAvgPool 5×5; 16×5×5 → 16, 0 parameters, 0 connections
   */
  private void outForward(int n) {
    // out: GlobalAvgPool 5×5; 16×5×5 → 16, 0 parameters, 0 connections
    final float[] x = stem$out;
    final float[] y = out$out;
    final int xo = n * STEM_SIZE;
    final int yo = n * OUT_SIZE;
    for (int c = 0; c < 16; c++) {
      float s = 0;
      for (int i = xo + c * 25, end = i + 25; i < end; i++) {
        s += x[i];
      }
      y[yo + c] = s * 0.04f;
    }
  }

  /**
   * Backward, one sample: out: GlobalAvgPool 5×5; 16×5×5 → 16, 0 parameters, 0 connections
   */
  private void outBackward(int n) {
    // out: GlobalAvgPool 5×5; 16×5×5 → 16, 0 parameters, 0 connections, backward
    final int xo = n * STEM_SIZE;
    final int yo = n * OUT_SIZE;
    final float[] dy = out$delta;
    final float[] dx = stem$delta;
    for (int c = 0; c < 16; c++) {
      final float d = dy[yo + c] * 0.04f;
      for (int i = xo + c * 25, end = i + 25; i < end; i++) {
        dx[i] += d;
      }
    }
  }
}
