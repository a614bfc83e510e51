package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.GROUP;
import static dev.convnet.runtime.internal.vector.Kernels.LANES;

import dev.convnet.runtime.internal.BlockedConv;
import dev.convnet.runtime.internal.BlockedLayer;
import dev.convnet.runtime.parallel.WorkerPool;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@link BlockedConv} of a square {@code k×k} convolution ({@code k ≤ 3}, stride 1 or 2, zero padding 0 or 1, so that
 * a zero border of 1 around the input and of {@code max(1, k − 1 − pad)} around the delta holds every window) on
 * channel-blocked planes ({@link Planes}), with {@code in} and {@code out} multiples of {@code L}. Each
 * sample is converted from NCHW into scratch planes allocated once, run through the register tiles ({@link Tile},
 * {@link WeightGradTile}) and converted back; the weights are packed once per pass ({@link WeightLayout}). The loop
 * nests:
 * <pre>
 * forward:         for g(out), 7 positions of the map at a time (across row ends):
 *                    Tile over in-blocks × k² taps × L                                → y[g][7 positions]
 *                  (QuadTile, 4 vectors, where out is a multiple of 4L at 16 lanes; a one-vector group by rows:
 *                  oh, ow0 += 14 (16 for the 3×3 stride-1 row tile); 3×3 stride 1 at 16 lanes on maps at least 8
 *                  wide: every 2-vector group by rows, oh, ow0 += 8, the row tile that reuses each broadcast for
 *                  up to 3 positions ({@link Tile#runRow3}), QuadTile not used)
 * weight gradient: for g(out), row chunk, input channels by 1 (3×3), 2 (2×2) or 8 (1×1):
 *                    WeightGradTile over the chunk's positions                          → packed dW (summed)
 * input gradient:  for phase, g(in), a, b0 += 7:
 *                    Tile over out-blocks × the phase's taps × L                        → dx[g][a·s+pi][(b0 … +7)·s+pj]
 * </pre>
 * Channels run in groups of {@code 2L} (output channels forward and in the weight gradient, input channels in the
 * input gradient): 2 vectors per tile. With an odd number of blocks the last group is one vector, computed by the
 * one-vector tiles ({@link Tile#runHalf}, 14 positions; {@link WeightGradTile#run9Half}, {@code run8Half}), so
 * {@code out = L, 3L …} (CIFAR's 16 channels at 16 lanes) cost no padding; for a 3×3 stride-1 window at 16 lanes
 * those one-vector groups take the row tiles that reuse each broadcast for up to 3 positions
 * ({@link Tile#runRow3Half}, {@link WeightGradTile#run9HalfRow3}). Instances are made reflectively by
 * {@code Vectorization}, the only class outside this package that knows this one.
 */
public final class VectorBlockedConv implements BlockedConv, OutputPlanes.Linked {
  /**
   * Output maps of at most this many positions take the batched forward pass at batch 2 or more
   * ({@link #forwardBatch}): ResNet-18's 7×7 maps, whose 512-map layers stream 1.18 MB of packed weights per group of
   * 64 output maps for every 6 positions, once per sample.
   */
  static final int BATCH_POSITIONS = 64;
  /** Input-channel blocks per chunk of the batched forward: 4·9·16·64 floats of weights (147 KB), kept in L2. */
  private static final int CHUNK_BLOCKS = 4;
  /** The fewest work items a layer's forward pass is split into ({@link #slices}). */
  static final int ITEMS = 16;
  /** Floats of one weight-gradient chunk's delta (2 vectors × positions): a few rows, so they stay in L1. */
  private static final int GRADIENT_CHUNK = 4096;

  private final int in;
  private final int out;
  private final int stride;
  /** The first window row (and column) of output 0 in the input's border coordinates: {@code 1 − pad}. */
  private final int first;
  private final Planes x;
  /** The output of the forward pass and the delta of the backward pass. */
  private final Planes y;
  /** The input gradient. */
  private final Planes dxPlanes;
  private final WeightLayout layout;
  /** The weights the packings were made from, and the version each packing was made at (0: none yet). */
  private final PackedFrom packedFrom;
  private long forwardVersion;
  private long backwardVersion;
  /**
   * Whether the forward pass runs {@link QuadTile} over groups of {@code 4L} output channels (16 lanes, {@code out}
   * a multiple of {@code 4L}); its weights are then packed in that tile's order.
   */
  private final boolean quad;
  /** The same for the input gradient's groups of {@code 4L} input channels ({@code in} a multiple of {@code 4L}). */
  private final boolean quadIn;
  /** {@link Tile#plane}'s scratch: a tile's position offsets. */
  private final int[] tileOffsets = new int[Tile.AT];
  /**
   * Work items per group of the forward pass: enough slices of each group's units that the layer has at least
   * {@value #ITEMS} items to split across threads (fixed per layer, so that no value depends on the threads).
   */
  private final int slices;
  /** The team that splits the forward pass (null: this thread alone), the members' tile scratch and task. */
  private WorkerPool team;
  private int[][] memberTiles = new int[0][];
  private final IntConsumer member = this::computeMember;
  private final IntConsumer epilogueMember = this::epilogueMember;
  /** The epilogue the team applies: the batch norm's map, the residual term, ReLU. */
  private float[] passScale;
  private float[] passShift;
  private float[] passResidual;
  private boolean passRelu;
  /** The pass the team computes: input planes, parameters and bias offset. */
  private float[] passPlanes;
  private float[] passWeights;
  private int passBias;
  /** Groups of {@code 2L} output (forward) and input (input gradient) channels, the last perhaps of {@code L}. */
  private final int outGroups;
  private final int inGroups;
  private final List<Phase> phases;
  /** The forward tile's (input block, tap) offsets. */
  private final int[] forwardOffsets;
  /** Input channels per weight-gradient tile, its entries' offsets in the input and in the packed gradient. */
  private final int gradientChannels;
  private final int[] gradientTaps;
  private final int[] gradientOffsets;
  /** {@link #gradientOffsets} in a group of one vector. */
  private final int[] gradientOffsetsHalf;
  /** Output rows per weight-gradient chunk. */
  private final int chunkRows;
  // scratch, allocated once (what only the backward pass uses, at its first call): blocked input, output or delta,
  // input gradient; packed weights and gradient sum
  private final float[] xs;
  private final float[] ys;
  private float[] dxs;
  /** A residual term converted from NCHW into blocked planes when no linked layer holds it (made at first need). */
  private float[] residualPlanes;
  /** The batched forward's per-chunk (input block, tap) offsets; null where it does not apply. */
  private final int[][] chunkOffsets;
  /** The batched forward's planes of every sample (made at its first call, grown with the batch) and tiles. */
  private float[] batchX;
  private float[] batchY;
  private Positions batchTiles;
  /** {@link #chunked}'s tiles over one sample's planes; null where it does not apply. */
  private final Positions sampleTiles;
  /** The arrays and samples of the pass {@link #forwardBatch} computed, whose per-sample calls do nothing. */
  private float[] batchedX;
  private float[] batchedY;
  private int batchedSamples;
  private int batchedNext;
  /** The output planes {@link #ys} as linked passes read them, and the NCHW output they hold. */
  private final OutputPlanes output;
  private final float[] forwardWeights;
  private float[] inputGradientWeights;
  private float[] weightGradient;
  /**
   * 3×3 stride 1 at 16 lanes: the one-vector groups (the last of an odd number of output blocks forward and in the
   * weight gradient, of input blocks in the input gradient) take {@link Tile#runRow3Half}, with their weights packed
   * again per (block, window row), channel and window column, and these offsets per (block, window row), and
   * {@link WeightGradTile#run9HalfRow3}.
   */
  private final boolean row3;
  /**
   * 3×3 stride 1 at 16 lanes on maps at least {@value Tile#ROW3_PAIR_POSITIONS} wide: every group of 2 vectors takes
   * {@link Tile#row3} forward (each broadcast used by up to 3 positions of a row: 48 FMAs per 16 loads), instead of
   * {@link QuadTile} or the 7-position tile (28 per 11, 14 per 9). Measured alone at 16 lanes: 32 maps of 16×16 51 →
   * 27 µs; 64 maps of 56×56 2.0 → 1.3 ms (QuadTile before). Narrower maps keep QuadTile (ResNet-18's 7×7 layer4).
   */
  private final boolean rowPairs;
  private final int[] row3ForwardOffsets;
  private final int[] row3DeltaOffsets;
  private final float[] row3ForwardWeights;
  private float[] row3InputWeights;

  /** The lanes {@code L} of the vectors (and the channels of a block) in this JVM. */
  public static int lanes() {
    return LANES;
  }

  /**
   * The kernels and scratch planes of one layer.
   *
   * @param in input channels, a multiple of {@link #lanes()}
   * @param out output channels, a multiple of {@link #lanes()}
   * @param height input rows
   * @param width input columns
   * @param k the kernel side, 1 to 3
   * @param stride 1 or 2
   * @param pad the zero padding on every side, 0 or 1
   * @throws IllegalArgumentException for any other geometry
   */
  public VectorBlockedConv(int in, int out, int height, int width, int k, int stride, int pad) {
    check(in, out, height, width, k, stride, pad);
    this.in = in;
    this.out = out;
    this.stride = stride;
    this.first = 1 - pad;
    int outH = (height + 2 * pad - k) / stride + 1;
    int outW = (width + 2 * pad - k) / stride + 1;
    x = new Planes(in, height, width, 1);
    y = new Planes(out, outH, outW, Math.max(1, k - 1 - pad));
    inGroups = (in + GROUP - 1) / GROUP;
    outGroups = (out + GROUP - 1) / GROUP;
    rowPairs = LANES >= 16 && k == 3 && stride == 1 && outW >= Tile.ROW3_PAIR_POSITIONS;
    quad = QuadTile.fits() && out % (QuadTile.VECTORS * LANES) == 0 && !rowPairs;
    quadIn = QuadTile.fits() && in % (QuadTile.VECTORS * LANES) == 0;
    dxPlanes = new Planes(in, height, width, 1);
    layout = new WeightLayout(in, out, k);
    packedFrom = new PackedFrom(out * in * k * k);
    phases = Phase.all(k, stride, pad, x, y, in);
    int[] taps = new int[k * k];
    for (int t = 0; t < taps.length; t++) {
      taps[t] = (t / k) * x.rowStride() + (t % k) * LANES;
    }
    forwardOffsets = new int[x.blocks() * taps.length];
    for (int b = 0; b < x.blocks(); b++) {
      for (int t = 0; t < taps.length; t++) {
        forwardOffsets[b * taps.length + t] = b * x.blockStride() + taps[t];
      }
    }
    // weight-gradient entries: 9 taps of 1 channel, 4 taps of 2 channels or 1 tap of 8 channels
    gradientChannels = k == 3 ? 1 : 8 / (k * k);
    gradientTaps = new int[gradientChannels * taps.length];
    gradientOffsets = new int[gradientTaps.length];
    gradientOffsetsHalf = new int[gradientTaps.length];
    for (int j = 0; j < gradientChannels; j++) {
      for (int t = 0; t < taps.length; t++) {
        gradientTaps[j * taps.length + t] = x.index(j, 0, 0) + taps[t];
        gradientOffsets[j * taps.length + t] = layout.tapOffset(GROUP, j, t);
        gradientOffsetsHalf[j * taps.length + t] = layout.tapOffset(LANES, j, t);
      }
    }
    chunkRows = Math.max(1, GRADIENT_CHUNK / (outW * GROUP));
    xs = new float[x.size()];
    ys = new float[y.size()];
    output = new OutputPlanes(y, ys);
    forwardWeights = new float[out * in * k * k];
    row3 = LANES >= 16 && k == 3 && stride == 1;
    row3ForwardOffsets = new int[x.blocks() * 3];
    row3DeltaOffsets = new int[y.blocks() * 3];
    for (int i = 0; i < 3 && row3; i++) {
      for (int b = 0; b < x.blocks(); b++) {
        row3ForwardOffsets[b * 3 + i] = b * x.blockStride() + i * x.rowStride();
      }
      for (int b = 0; b < y.blocks(); b++) {
        row3DeltaOffsets[b * 3 + i] = b * y.blockStride() + (pad - i + y.border()) * y.rowStride()
            + (pad - 2 + y.border()) * LANES;
      }
    }
    row3ForwardWeights = new float[row3 && !quad ? out * in * 9 : 0];
    if (quad && outH * outW <= BATCH_POSITIONS) {
      int blocks = in / LANES;
      chunkOffsets = new int[(blocks + CHUNK_BLOCKS - 1) / CHUNK_BLOCKS][];
      for (int c = 0; c < chunkOffsets.length; c++) {
        chunkOffsets[c] = Arrays.copyOfRange(forwardOffsets, c * CHUNK_BLOCKS * taps.length,
            Math.min(blocks, (c + 1) * CHUNK_BLOCKS) * taps.length);
      }
      sampleTiles = positions(1);
    } else {
      chunkOffsets = null;
      sampleTiles = null;
    }
    int fewestUnits = Integer.MAX_VALUE;
    for (int g = 0; g < groups(); g++) {
      fewestUnits = Math.min(fewestUnits, units(g));
    }
    slices = Math.max(1, Math.min(fewestUnits, (ITEMS + groups() - 1) / groups()));
  }

  private static void check(int in, int out, int height, int width, int k, int stride, int pad) {
    if (k < 1 || k > 3 || stride < 1 || stride > 2 || pad < 0 || pad > 1) {
      throw new IllegalArgumentException("the blocked kernels take k×k convolutions with k from 1 to 3, stride 1 or"
          + " 2 and a padding of 0 or 1, not k " + k + ", stride " + stride + ", pad " + pad);
    }
    if (in < 1 || out < 1 || in % LANES != 0 || out % LANES != 0 || k == 1 && in % 8 != 0) {
      throw new IllegalArgumentException("the blocked kernels need input and output channels in blocks of " + LANES
          + " (and input channels in blocks of 8 for 1×1), not " + in + " → " + out);
    }
    if (height < 1 || width < 1 || height + 2 * pad < k || width + 2 * pad < k) {
      throw new IllegalArgumentException("a " + k + "×" + k + " window with pad " + pad + " does not fit an input of "
          + height + "×" + width);
    }
  }

  @Override
  public void packForward(float[] p, int weight) {
    long version = packedFrom.version(p, weight);
    if (version == forwardVersion) {
      return;
    }
    forwardVersion = version;
    if (quad) {
      layout.packForwardQuad(p, weight, forwardWeights);
      return;
    }
    layout.packForward(p, weight, forwardWeights);
    if (row3ForwardWeights.length > 0) { // per group: [in/L][3 rows][L][3 columns][2L, or L for the last of an odd count]
      int i = 0;
      for (int g = 0; g < outGroups; g++) {
        int width = WeightLayout.width(out, g * GROUP);
        for (int b = 0; b < in / LANES; b++) {
          for (int r = 0; r < 3; r++) {
            for (int c = 0; c < LANES; c++) {
              for (int m = 0; m < 3; m++) {
                for (int v = 0; v < width; v++) {
                  row3ForwardWeights[i++] = p[weight + layout.oihw(g * GROUP + v, b * LANES + c, r * 3 + m)];
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * A whole batch at once, for layers with small output maps ({@value #BATCH_POSITIONS} positions or fewer) and the
   * 4-vector tile: every sample's planes side by side, then per group of output maps and per chunk of
   * {@value #CHUNK_BLOCKS} input blocks, the tile over every position of every sample, the sums carried in the output
   * planes from chunk to chunk ({@link QuadTile#run} accumulating). Each chunk's weights are read from L2 for the
   * whole batch instead of the whole group's from L3 for every sample. The same additions in the same order as the
   * per-sample pass: the results are bit for bit the same. The per-sample calls of this pass then do nothing.
   */
  @Override
  public boolean forwardBatch(float[] p, int bias, float[] xa, float[] ya, int batch) {
    batchedX = null;
    batchedY = null;
    if (chunkOffsets == null || batch < 2) {
      return false;
    }
    output.release(null, 0);
    int xSample = in * x.height() * x.width();
    int ySample = out * y.height() * y.width();
    if (batchX == null || batchX.length < batch * x.size()) {
      batchX = new float[batch * x.size()];
      batchY = new float[batch * y.size()];
    }
    for (int n = 0; n < batch; n++) {
      x.fromNchw(xa, n * xSample, in, batchX, n * x.size());
    }
    if (batchTiles == null || batchTiles.batch() != batch) {
      batchTiles = positions(batch);
    }
    chunked(batchX, batchTiles, p, bias, batchY);
    for (int n = 0; n < batch; n++) {
      y.toNchw(batchY, n * y.size(), out, ya, n * ySample);
    }
    batchedX = xa;
    batchedY = ya;
    batchedSamples = batch;
    batchedNext = 0;
    return true;
  }

  /**
   * The positions of {@link #chunked} over {@code batch} samples' planes side by side, row-major over every sample's
   * map: per tile of {@value QuadTile#POSITIONS} positions their source offsets, then their destination offsets; a
   * last tile repeats the last position, except that the last 1 or 2 positions (or all of fewer than
   * {@value QuadTile#POSITIONS}) are left to {@link QuadTile#runOne}, as {@link Tile#plane} does: {@code rest} holds
   * their (source, destination) offsets.
   */
  private record Positions(int batch, int[] tiles, int[] rest) {
    /** The tiles, and one more unit for the positions computed one at a time when there are any. */
    int units() {
      return tiles.length / (2 * QuadTile.POSITIONS) + (rest.length > 0 ? 1 : 0);
    }
  }

  private Positions positions(int batch) {
    int positions = y.height() * y.width();
    int total = batch * positions;
    int tile = QuadTile.POSITIONS;
    int tiled = total < tile ? 0 : total % tile <= 2 ? total - total % tile : total;
    int[] tiles = new int[(tiled + tile - 1) / tile * 2 * tile];
    int[] rest = new int[2 * (total - tiled)];
    for (int j = 0; j < tiles.length / 2 + rest.length / 2; j++) {
      int i = j < tiles.length / 2 ? Math.min(j, tiled - 1) : tiled + j - tiles.length / 2;
      int row = i % positions / y.width();
      int col = i % positions % y.width();
      int from = i / positions * x.size() + row * stride * x.rowStride() + col * stride * LANES;
      int to = i / positions * y.size() + row * y.rowStride() + col * LANES;
      if (j < tiles.length / 2) {
        tiles[j / tile * 2 * tile + j % tile] = from;
        tiles[j / tile * 2 * tile + tile + j % tile] = to;
      } else {
        rest[2 * (j - tiles.length / 2)] = from;
        rest[2 * (j - tiles.length / 2) + 1] = to;
      }
    }
    return new Positions(batch, tiles, rest);
  }

  /**
   * The forward pass of small maps over the samples' planes in {@code src} into {@code dst}: per group of output maps
   * and per chunk of {@value #CHUNK_BLOCKS} input blocks (whose packed weights stay in L2), {@link QuadTile} over every
   * tile of {@code at}, the sums carried in {@code dst} from chunk to chunk. Each chunk's weights are read from L3 or
   * memory once per pass instead of the whole group's once per tile.
   */
  private void chunked(float[] src, Positions at, float[] p, int bias, float[] dst) {
    for (int g = 0; g < out / (QuadTile.VECTORS * LANES); g++) {
      chunked(src, at, g, 0, at.units(), p, bias, dst, tileOffsets);
    }
  }

  /**
   * {@link #chunked} for group {@code g} of {@code 4L} output maps and the units {@code [from, to)} of
   * {@code at} ({@link Positions#units}), with {@code scratch} for a tile's offsets.
   */
  private void chunked(float[] src, Positions at, int g, int from, int to, float[] p, int bias, float[] dst,
                       int[] scratch) {
    float[] b = bias < 0 ? null : p;
    int width = QuadTile.VECTORS * LANES;
    int tileInts = 2 * QuadTile.POSITIONS;
    int tiles = at.tiles().length / tileInts;
    int srcBase = x.index(0, first, first);
    int dstBase = y.interior(g * width, 0, 0);
    for (int c = 0; c < chunkOffsets.length; c++) {
      boolean last = c == chunkOffsets.length - 1;
      int wBase = g * layout.quadGroup() + c * CHUNK_BLOCKS * layout.k() * layout.k() * LANES * width;
      for (int t = from; t < Math.min(to, tiles); t++) {
        System.arraycopy(at.tiles(), t * tileInts, scratch, 0, tileInts);
        QuadTile.run(src, srcBase, scratch, chunkOffsets[c], forwardWeights, wBase, last ? b : null,
            bias + g * width, dst, dstBase, y.blockStride(), c > 0);
      }
      for (int r = 0; to > tiles && r < at.rest().length; r += 2) {
        QuadTile.runOne(src, srcBase + at.rest()[r], chunkOffsets[c], forwardWeights, wBase, last ? b : null,
            bias + g * width, dst, dstBase + at.rest()[r + 1], y.blockStride(), c > 0);
      }
    }
  }

  @Override
  public void forward(float[] p, int bias, float[] xa, int xo, float[] ya, int yo) {
    if (ya == batchedY && xa == batchedX) { // computed by forwardBatch: the pass's samples in order
      int n = batchedNext++;
      if (yo == n * out * y.height() * y.width() && xo == n * in * x.height() * x.width()) {
        if (batchedNext == batchedSamples) {
          batchedY = null;
          batchedX = null;
        }
        return;
      }
      batchedY = null; // another call: compute it, and forget the batch
      batchedX = null;
    }
    output.release(null, 0);
    x.fromNchw(xa, xo, in, xs);
    compute(xs, p, bias);
    y.toNchw(ys, out, ya, yo);
  }

  @Override
  public void forward(float[] p, int bias, float[] xa, int xo, float[] ya, int yo, float[] scale, float[] shift,
                      float[] residual, int ro, boolean relu) {
    forward(p, bias, null, xa, xo, ya, yo, scale, shift, null, residual, ro, relu, false);
  }

  /**
   * The fused pass on blocked planes throughout: the input read from {@code source}'s output planes when they hold
   * it, else converted from NCHW; the epilogue applied to the blocked output ({@link Epilogue#applyBlocked}), its
   * residual term read from {@code residualSource}'s planes when they hold it, else converted; the NCHW output written
   * now, or at {@link #flush} or this instance's next run when {@code lazy}. The output planes then hold
   * {@code ya[yo …]} for the linked passes after this one.
   */
  @Override
  public void forward(float[] p, int bias, BlockedLayer source, float[] xa, int xo, float[] ya, int yo, float[] scale,
                      float[] shift, BlockedLayer residualSource, float[] residual, int ro, boolean relu,
                      boolean lazy) {
    output.release(ya, yo);
    compute(OutputPlanes.read(source, xa, xo, x, xs), p, bias);
    float[] rs = null;
    if (residual != null) {
      rs = OutputPlanes.of(residualSource, residual, ro, y);
      if (rs == null) {
        if (residualPlanes == null) {
          residualPlanes = new float[y.size()];
        }
        y.fromNchw(residual, ro, out, residualPlanes);
        rs = residualPlanes;
      }
    }
    epilogue(scale, shift, rs, relu);
    output.finish(ya, yo, lazy);
  }

  @Override
  public void flush() {
    output.flush();
  }

  @Override
  public OutputPlanes outputPlanes() {
    return output;
  }

  /**
   * One sample's forward pass from the blocked input planes {@code planes} into the blocked output planes
   * {@link #ys}: its work items ({@link #items}) on this thread, or split into contiguous ranges across the team of
   * {@link #useThreads}. An item's values do not depend on which thread computes it or which items go with it, so
   * the output is the same bit for bit whatever the number of threads.
   */
  private void compute(float[] planes, float[] p, int bias) {
    int items = groups() * slices;
    if (team == null || items < 2) {
      computeItems(planes, p, bias, 0, items, tileOffsets);
      return;
    }
    passPlanes = planes;
    passWeights = p;
    passBias = bias;
    try {
      team.run(member, Math.min(team.size(), items));
    } finally {
      passPlanes = null;
      passWeights = null;
    }
  }

  /**
   * The fused pass's epilogue on the output planes ({@link Epilogue#applyBlocked}): on this thread, or its rows split
   * into contiguous ranges across the team.
   */
  private void epilogue(float[] scale, float[] shift, float[] residual, boolean relu) {
    int rows = y.blocks() * y.height();
    if (team == null || rows < 2) {
      Epilogue.applyBlocked(ys, y, scale, shift, residual, relu);
      return;
    }
    passScale = scale;
    passShift = shift;
    passResidual = residual;
    passRelu = relu;
    try {
      team.run(epilogueMember, Math.min(team.size(), rows));
    } finally {
      passScale = null;
      passShift = null;
      passResidual = null;
    }
  }

  /** Member {@code m} of the team: its share of the epilogue's rows, contiguous. */
  private void epilogueMember(int m) {
    int rows = y.blocks() * y.height();
    int members = Math.min(team.size(), rows);
    Epilogue.applyBlocked(ys, y, passScale, passShift, passResidual, passRelu, rows * m / members,
        rows * (m + 1) / members);
  }

  /** Member {@code m} of the team: its share of the work items, contiguous. */
  private void computeMember(int m) {
    int items = groups() * slices;
    int members = Math.min(team.size(), items);
    computeItems(passPlanes, passWeights, passBias, (int) ((long) items * m / members),
        (int) ((long) items * (m + 1) / members), memberTiles[m]);
  }

  /** Groups of output maps of the forward pass: of {@code 4L} where it runs {@link QuadTile}, else of {@code 2L}. */
  private int groups() {
    return quad ? out / (QuadTile.VECTORS * LANES) : outGroups;
  }

  /**
   * Units of group {@code g}'s forward work, which the work items split: tiles of the small-map pass
   * ({@link Positions#units}) or of the map ({@link Tile#units}), or rows for the row tiles.
   */
  private int units(int g) {
    if (chunkOffsets != null) {
      return sampleTiles.units();
    }
    if (quad) {
      return Tile.units(true, y.height() * y.width());
    }
    boolean half = WeightLayout.width(out, g * GROUP) < GROUP;
    return !half && !rowPairs ? Tile.units(false, y.height() * y.width()) : y.height();
  }

  /**
   * The forward work items {@code [from, to)}: item {@code i} is slice {@code i mod slices} of group
   * {@code i / slices}, the slice a contiguous range of the group's {@link #units}; a group's consecutive slices are
   * computed as one range (so that one thread computes whole groups, each chunk's weights read once).
   */
  private void computeItems(float[] planes, float[] p, int bias, int from, int to, int[] scratch) {
    float[] b = bias < 0 ? null : p;
    int srcStep = stride * LANES;
    for (int g = from / slices; from < to && g <= (to - 1) / slices; g++) {
      int units = units(g);
      int s0 = g == from / slices ? from % slices : 0;
      int s1 = g == (to - 1) / slices ? (to - 1) % slices + 1 : slices;
      int u0 = (int) ((long) units * s0 / slices);
      int u1 = (int) ((long) units * s1 / slices);
      if (chunkOffsets != null) {
        chunked(planes, sampleTiles, g, u0, u1, p, bias, ys, scratch);
        continue;
      }
      if (quad) {
        int width = QuadTile.VECTORS * LANES;
        Tile.plane(true, y.height(), y.width(), u0, u1, planes, x.index(0, first, first), stride * x.rowStride(),
            srcStep, forwardOffsets, forwardWeights, g * layout.quadGroup(), b, bias + g * width, ys,
            y.interior(g * width, 0, 0), y.rowStride(), LANES, y.blockStride(), scratch);
        continue;
      }
      boolean half = WeightLayout.width(out, g * GROUP) < GROUP;
      int wBase = g * layout.forwardGroup();
      int dstBlock = y.interior(g * GROUP, 0, 0);
      if (!half && !rowPairs) { // a group of 2 vectors: 7 positions of the map at a time, across row ends
        Tile.plane(false, y.height(), y.width(), u0, u1, planes, x.index(0, first, first), stride * x.rowStride(),
            srcStep, forwardOffsets, forwardWeights, wBase, b, bias + g * GROUP, ys, dstBlock, y.rowStride(), LANES,
            y.blockStride(), scratch);
        continue;
      }
      for (int oh = u0; oh < u1; oh++) {
        int src = x.index(0, oh * stride + first, first);
        int dst = dstBlock + oh * y.rowStride();
        if (half && row3) {
          Tile.row3Half(y.width(), planes, src, row3ForwardOffsets, row3ForwardWeights, g * GROUP * in * 9,
              forwardOffsets, forwardWeights, wBase, b, bias + g * GROUP, ys, dst, LANES);
        } else if (!half) { // a group of 2 vectors, 8 positions of a row at a time (rowPairs)
          Tile.row3(y.width(), planes, src, row3ForwardOffsets, row3ForwardWeights, g * GROUP * in * 9, forwardOffsets,
              forwardWeights, wBase, b, bias + g * GROUP, ys, dst, LANES, y.blockStride(), scratch);
        } else {
          Tile.row(half, y.width(), planes, src, forwardOffsets, srcStep, forwardWeights, wBase, b, bias + g * GROUP,
              ys, dst, y.blockStride(), LANES, null);
        }
      }
    }
  }

  /**
   * Splits this layer's forward passes across {@code team} (null: this thread alone): each member computes a
   * contiguous range of the work items, with its own tile scratch; nothing is allocated per pass.
   */
  @Override
  public void useThreads(WorkerPool team) {
    this.team = team;
    if (team != null && memberTiles.length < team.size()) {
      memberTiles = new int[team.size()][Tile.AT];
    }
  }

  @Override
  public void beginBackward(float[] p, int weight) {
    if (weightGradient == null) { // made at the first backward pass: inference (a frozen copy above all) never needs them
      dxs = new float[dxPlanes.size()];
      inputGradientWeights = new float[in * out * layout.k() * layout.k()];
      weightGradient = new float[forwardWeights.length];
      row3InputWeights = new float[row3 && in % GROUP != 0 ? out * 9 * LANES : 0];
    }
    Arrays.fill(weightGradient, 0f);
    long version = packedFrom.version(p, weight);
    if (version == backwardVersion) {
      return;
    }
    backwardVersion = version;
    layout.packInputGradient(p, weight, phases, quadIn ? QuadTile.VECTORS * LANES : GROUP, inputGradientWeights);
    if (row3InputWeights.length > 0) { // [out/L][3 rows][L][3 columns][L] of the last input block, the kernel flipped
      int i = 0;
      for (int b = 0; b < out / LANES; b++) {
        for (int r = 0; r < 3; r++) {
          for (int oc = 0; oc < LANES; oc++) {
            for (int m = 0; m < 3; m++) {
              for (int v = 0; v < LANES; v++) {
                row3InputWeights[i++] = p[weight + layout.oihw(b * LANES + oc, in - LANES + v, r * 3 + 2 - m)];
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void backward(float[] xa, int xo, float[] dy, int yo, float[] dx) {
    output.release(null, 0);
    x.fromNchw(xa, xo, in, xs);
    y.fromNchw(dy, yo, out, ys);
    weightGradient();
    if (dx != null) {
      inputGradient();
      dxPlanes.addToNchw(dxs, in, dx, xo);
    }
  }

  @Override
  public void endBackward(float[] g, int weight) {
    layout.addUnpacked(weightGradient, g, weight);
  }

  /** Adds this sample's weight gradient from {@link #xs} and the delta in {@link #ys} into {@link #weightGradient}. */
  private void weightGradient() {
    int xStep = stride * LANES;
    int xRowStep = stride * x.rowStride();
    for (int g = 0; g < outGroups; g++) {
      boolean half = WeightLayout.width(out, g * GROUP) < GROUP;
      int[] dwOffsets = half ? gradientOffsetsHalf : gradientOffsets;
      int dyGroup = y.interior(g * GROUP, 0, 0);
      for (int r0 = 0; r0 < y.height(); r0 += chunkRows) {
        int positions = Math.min(chunkRows, y.height() - r0) * y.width();
        int dyBase = dyGroup + r0 * y.rowStride();
        for (int c = 0; c < in; c += gradientChannels) {
          int xBase = x.index(c, r0 * stride + first, first);
          int dwBase = layout.forwardIndex(g * GROUP, c, 0);
          if (gradientTaps.length == 9) {
            if (half && row3) {
              WeightGradTile.run9HalfRow3(xs, xBase, x.rowStride(), xRowStep, ys, dyBase, y.rowStride(), y.width(),
                  positions, weightGradient, dwBase, dwOffsets);
            } else if (half) {
              WeightGradTile.run9Half(xs, xBase, gradientTaps, xStep, xRowStep, ys, dyBase, y.rowStride(),
                  y.width(), positions, weightGradient, dwBase, dwOffsets);
            } else {
              WeightGradTile.run9(xs, xBase, gradientTaps, xStep, xRowStep, ys, dyBase, y.rowStride(),
                  y.blockStride(), y.width(), positions, weightGradient, dwBase, dwOffsets);
            }
          } else if (half) {
            WeightGradTile.run8Half(xs, xBase, gradientTaps, xStep, xRowStep, ys, dyBase, y.rowStride(), y.width(),
                positions, weightGradient, dwBase, dwOffsets);
          } else {
            WeightGradTile.run8(xs, xBase, gradientTaps, xStep, xRowStep, ys, dyBase, y.rowStride(), y.blockStride(),
                y.width(), positions, weightGradient, dwBase, dwOffsets);
          }
        }
      }
    }
  }

  /** Writes this sample's input gradient from the delta in {@link #ys} into the interior of {@link #dxs}. */
  private void inputGradient() {
    int dstStep = stride * LANES;
    if (quadIn) {
      int width = QuadTile.VECTORS * LANES;
      for (Phase ph : phases) {
        for (int g = 0; g < in / width; g++) {
          Tile.plane(true, ph.rows(), ph.cols(), ys, y.index(0, 0, 0), y.rowStride(), LANES, ph.offsets(),
              inputGradientWeights, ph.weights() + g * out * ph.taps() * width, null, 0, dxs,
              dxPlanes.interior(g * width, ph.pi(), ph.pj()), stride * dxPlanes.rowStride(), dstStep,
              dxPlanes.blockStride(), tileOffsets);
        }
      }
      return;
    }
    for (Phase ph : phases) {
      int groupSize = out * ph.taps() * GROUP;
      for (int g = 0; g < inGroups; g++) {
        boolean half = WeightLayout.width(in, g * GROUP) < GROUP;
        int wBase = ph.weights() + g * groupSize;
        int dstBlock = dxPlanes.interior(g * GROUP, ph.pi(), ph.pj());
        for (int a = 0; a < ph.rows(); a++) {
          int dst = dstBlock + a * stride * dxPlanes.rowStride();
          if (half && row3) {
            Tile.row3Half(ph.cols(), ys, y.index(0, a, 0), row3DeltaOffsets, row3InputWeights, 0, ph.offsets(),
                inputGradientWeights, wBase, null, 0, dxs, dst, dstStep);
          } else {
            Tile.row(half, ph.cols(), ys, y.index(0, a, 0), ph.offsets(), LANES, inputGradientWeights, wBase, null,
                0, dxs, dst, dxPlanes.blockStride(), dstStep, tileOffsets);
          }
        }
      }
    }
  }
}
