package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.GROUP;
import static dev.convnet.runtime.internal.vector.Kernels.LANES;

import dev.convnet.runtime.internal.BlockedConv;
import dev.convnet.runtime.internal.BlockedLayer;
import dev.convnet.runtime.parallel.WorkerPool;
import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockedConv} of any convolution, made for those with few input channels or a large kernel (a ResNet's 7×7
 * stride-2 stem on 3 channels, LeNet's 5×5 on 1) that the blocked kernels of {@link VectorBlockedConv} cannot take:
 * the input's patches are gathered (im2col) into {@code K = in·kh·kw} "channels", padded with zeros to
 * {@code Kpad}, a multiple of {@code L}, and the layer becomes a 1×1 convolution from {@code Kpad} to {@code out}
 * channels over the {@code outH·outW} positions, run by the register tiles of the blocked kernels ({@link Tile},
 * {@link WeightGradTile}). Any geometry: a rectangular kernel, any stride and dilation, a padding of {@code padH}
 * rows above and {@code padW} columns left (positions outside the input read 0; how much padding there is below and
 * right follows from the given {@code outH × outW}). Only {@code out} must be a multiple of {@code L}.
 *
 * <p>A sample runs in chunks of positions (about {@value #CHUNK_FLOATS} patch floats, so that a chunk's patches stay
 * in L2 while every output group and the weight gradient read them):
 * <pre>
 * forward, output rows of 16 or more and patches of at most 64 ({@link #SWAPPED_WIDTH}, {@link #SWAPPED_PATCH}):
 *                  gather the chunk's im2col rows [n/V][Kpad][V]; for
 *                  each V positions, the tile with its roles swapped: vectors of V = 4L (16 lanes) or 2L positions ×
 *                  7 output channels, a weight broadcast per channel and patch channel   → y (NCHW) directly
 * forward, otherwise: gather the chunk's patches [n][Kpad]; for g(out): Tile over Kpad/L blocks
 *                  → [out/L][n][L] → y (NCHW)   (groups of 4L output channels by QuadTile at 16 lanes)
 * weight gradient: gather the patches; dy (NCHW) → [out/L][n][L] (register transposes); for g(out), 8 patch
 *                  channels: WeightGradTile over the chunk's positions → packed dW [out][Kpad] (summed)
 * input gradient:  for g(Kpad): Tile over out/L blocks of the delta          → patch gradient [n][Kpad]
 *                  → scattered (col2im) and added into dx
 * </pre>
 * The patches {@code [n][Kpad]} are written position by position, {@code Kpad} consecutive floats each, straight in
 * the order the blocked tiles read (no NCHW copy in between); where a window row lies inside the input, its
 * {@code kw ≤ L} values are copied by one vector load and store whose extra lanes the next row's store overwrites
 * (the last position's land in {@code L} spare floats). The im2col rows {@code [n/V][Kpad][V]} are written one patch
 * channel {@code (c, i, j)} at a time, for each output row a run of consecutive input values copied whole
 * ({@code System.arraycopy}) with zeros where the window leaves the input; a strided layer first splits each input
 * row into its {@code strideW} column phases, once per sample, so that the runs stay consecutive. The swapped tile
 * reads those rows as they are, {@code V} positions of a patch channel per vector, and stores NCHW output maps, so
 * that neither the patches nor the output need a transpose (a 16×16 register transpose costs 60–90 ns on JDK 17).
 * Measured alone at 16 lanes: ResNet-20's 3 → 16 stem (32 wide, {@code Kpad} 32) 60 → 20 µs per sample; LeNet-5's
 * C3 (10 wide: runs of 10 values, 1,500 of them per sample) 12–17 µs the per-position way, 21 µs the swapped way;
 * ResNet-18's 7×7 stride-2 stem ({@code Kpad} 160: runs split at every {@code V} positions, 45,000 copies per
 * sample) no faster swapped alone and slower in the network (3.2–3.5 against 2.5 ms), so narrow rows and long
 * patches keep the per-position way. Everything is allocated once; the weights
 * are packed once per pass ({@code [out][Kpad]} for the swapped tile; {@link WeightLayout} with {@code in = Kpad},
 * {@code k = 1} for the blocked ones; patch channels from {@code K} on have zero weights, and their gradient is
 * dropped). Made reflectively by {@code Vectorization}.
 */
public final class PatchConv implements BlockedConv, OutputPlanes.Linked {
  /** The largest patch buffer of a whole sample, {@code Kpad·outH·outW}, a layer may have: 2^25 floats. */
  public static final long MAX_PATCH_FLOATS = 1L << 25;
  /** About the floats of one chunk's patches. */
  private static final int CHUNK_FLOATS = 16384;
  /** The narrowest output rows whose forward pass takes the swapped tile over im2col rows. */
  static final int SWAPPED_WIDTH = 16;
  /** The longest patches ({@code Kpad}) whose forward pass takes the swapped tile over im2col rows. */
  static final int SWAPPED_PATCH = 64;
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;

  private final int in;
  private final int out;
  private final int height;
  private final int width;
  private final int kh;
  private final int kw;
  private final int strideH;
  private final int strideW;
  private final int padH;
  private final int padW;
  private final int dilationH;
  private final int dilationW;
  private final int outW;
  /** Floats of one input map, {@code height·width}. */
  private final int planeSize;
  /** Output positions {@code outH·outW}. */
  private final int positions;
  /** Patch channels {@code in·kh·kw} and their count padded to a multiple of {@code L}. */
  private final int k;
  /** The weights the packings were made from, and the version each packing was made at (0: none yet). */
  private final PackedFrom packedFrom;
  private long forwardVersion;
  private long backwardVersion;
  private final int kPad;
  /** Positions per chunk: the chunk buffers' position capacity. */
  private final int chunk;
  /** Whether a window row inside the input is copied by one vector: dilation 1 across, {@code kw ≤ L}. */
  private final boolean vectorRows;
  /** Whether the forward pass runs the swapped tile over im2col rows: output rows of {@link #SWAPPED_WIDTH} or more. */
  private final boolean swapped;
  /** The swapped tile's positions, a power of two: {@code 4L} with {@link QuadTile} (16 lanes), else {@code 2L}. */
  private final int vl;
  private final int vlShift;
  /** Columns of one phase row of {@link #phases}: {@code ⌈width / strideW⌉}. */
  private final int phaseWidth;
  /**
   * Per kernel column {@code j}: the column phase its inputs lie in ({@code (j·dilationW − padW) mod strideW}), their
   * offset in it from the output column ({@code ⌊(j·dilationW − padW) / strideW⌋}), and the output columns
   * {@code [first, end)} whose inputs lie inside the input.
   */
  private final int[] columnPhase;
  private final int[] columnShift;
  private final int[] columnFirst;
  private final int[] columnEnd;
  /** Transpose offsets for the delta: {@code L} positions of {@link #delta}, {@code L} maps of the NCHW delta. */
  private final int[] laneOffsets;
  private final int[] mapOffsets;
  private final WeightLayout layout;
  private final int outGroups;
  /**
   * Whether the forward pass runs {@link QuadTile}: over 4 vectors of positions when {@link #swapped} (16 lanes),
   * else over groups of {@code 4L} output channels (16 lanes, {@code out} a multiple of {@code 4L}).
   */
  private final boolean quad;
  /** {@link Tile#plane}'s scratch: a tile's position offsets. */
  private final int[] tileOffsets = new int[Tile.AT];
  private final int kGroups;
  /** The forward tile's source blocks: offsets inside one position's patch. */
  private final int[] patchBlocks;
  /** The input gradient tile's source blocks: offsets of the delta's blocks in {@link #delta}. */
  private final int[] deltaBlocks;
  /** The weight-gradient tile's 8 patch channels, and their offsets in a group of 2 vectors or 1. */
  private final int[] gradientTaps;
  private final int[] gradientOffsets;
  private final int[] gradientOffsetsHalf;
  // scratch, allocated once
  /** One chunk's patches, then (input gradient) their gradient: {@code [chunk][Kpad]} and {@code L} spare floats. */
  private final float[] patches;
  /** The swapped forward's im2col rows {@code [chunk/V][Kpad][V]} (rows from {@code K} on stay zero); else null. */
  private final float[] rows;
  /** The swapped tile's output for a last group of fewer than {@link #vl} positions, {@code [out][V]}; else null. */
  private final float[] tail;
  /** The swapped forward's input split into column phases when strided, {@code [in][height][strideW][phaseWidth]}. */
  private final float[] phases;
  /** One chunk's output or delta, {@code [out/L][chunk][L]}. */
  private final float[] delta;
  /** Per member of the team: its chunk scratch (member 0's is {@link #patches}, {@link #delta}, {@link #tileOffsets}). */
  private Scratch[] scratch;
  /** The team that splits the per-position forward pass (null: this thread alone), and its task. */
  private WorkerPool team;
  private final IntConsumer member = this::forwardMember;
  private final Pass pass = new Pass();
  private final float[] forwardWeights;
  private final float[] inputGradientWeights;
  private final float[] weightGradient;
  /** The output planes of the linked fused pass (made at its first call); null before. */
  private OutputPlanes output;

  /**
   * The kernels and scratch of one layer.
   *
   * @param in input channels, at least 1
   * @param out output channels, a multiple of {@link VectorBlockedConv#lanes()}
   * @param height input rows
   * @param width input columns
   * @param kh kernel rows
   * @param kw kernel columns
   * @param strideH the stride down
   * @param strideW the stride across
   * @param padH the zero rows above the input
   * @param padW the zero columns left of the input
   * @param dilationH the dilation down (1: none)
   * @param dilationW the dilation across
   * @param outH output rows
   * @param outW output columns
   * @throws IllegalArgumentException for channels or sizes below 1 (padding below 0), {@code out} not a multiple of
   *     {@code L}, or a whole sample's patches above {@link #MAX_PATCH_FLOATS}
   */
  public PatchConv(int in, int out, int height, int width, int kh, int kw, int strideH, int strideW, int padH,
                   int padW, int dilationH, int dilationW, int outH, int outW) {
    if (in < 1 || out < 1 || out % LANES != 0) {
      throw new IllegalArgumentException("the patch kernels need output channels in blocks of " + LANES + ", not "
          + in + " → " + out);
    }
    if (height < 1 || width < 1 || kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
        || dilationH < 1 || dilationW < 1 || outH < 1 || outW < 1) {
      throw new IllegalArgumentException("not a convolution: input " + height + "×" + width + ", kernel " + kh + "×"
          + kw + ", stride " + strideH + "×" + strideW + ", pad " + padH + "×" + padW + ", dilation " + dilationH
          + "×" + dilationW + ", output " + outH + "×" + outW);
    }
    long kLong = (long) in * kh * kw;
    long kPadLong = (kLong + LANES - 1) / LANES * LANES;
    long patchFloats = kPadLong * outH * outW;
    if (patchFloats > MAX_PATCH_FLOATS) {
      throw new IllegalArgumentException("the patches of one sample would take " + patchFloats + " floats ("
          + kPadLong + " × " + outH + "×" + outW + "), more than " + MAX_PATCH_FLOATS);
    }
    this.in = in;
    this.out = out;
    this.height = height;
    this.width = width;
    this.kh = kh;
    this.kw = kw;
    this.strideH = strideH;
    this.strideW = strideW;
    this.padH = padH;
    this.padW = padW;
    this.dilationH = dilationH;
    this.dilationW = dilationW;
    this.outW = outW;
    this.planeSize = height * width;
    this.positions = outH * outW;
    this.k = (int) kLong;
    this.packedFrom = new PackedFrom(out * k);
    this.kPad = (int) kPadLong;
    this.swapped = outW >= SWAPPED_WIDTH && kPad <= SWAPPED_PATCH;
    this.vl = (QuadTile.fits() ? QuadTile.VECTORS : Kernels.VECTORS) * LANES;
    this.vlShift = Integer.numberOfTrailingZeros(vl);
    int step = swapped ? vl : Tile.HALF_POSITIONS; // chunks of whole swapped tiles, or of one-vector tiles
    int tiles = Math.max(1, CHUNK_FLOATS / (kPad * step));
    this.chunk = Math.min(tiles * step, positions);
    this.vectorRows = dilationW == 1 && kw <= LANES;
    this.phaseWidth = (width + strideW - 1) / strideW;
    columnPhase = new int[kw];
    columnShift = new int[kw];
    columnFirst = new int[kw];
    columnEnd = new int[kw];
    for (int j = 0; j < kw; j++) {
      int offset = j * dilationW - padW; // input column = output column · strideW + offset
      columnPhase[j] = Math.floorMod(offset, strideW);
      columnShift[j] = Math.floorDiv(offset, strideW);
      columnFirst[j] = Math.min(outW, Math.max(0, -Math.floorDiv(offset, strideW)));
      columnEnd[j] = Math.max(columnFirst[j], Math.min(outW, Math.floorDiv(width - 1 - offset, strideW) + 1));
    }
    laneOffsets = new int[LANES];
    mapOffsets = new int[LANES];
    for (int t = 0; t < LANES; t++) {
      laneOffsets[t] = t * LANES;
      mapOffsets[t] = t * positions;
    }
    this.layout = new WeightLayout(kPad, out, 1);
    this.outGroups = (out + GROUP - 1) / GROUP;
    this.quad = QuadTile.fits() && (swapped || out % (QuadTile.VECTORS * LANES) == 0);
    this.kGroups = (kPad + GROUP - 1) / GROUP;
    patchBlocks = new int[kPad / LANES];
    for (int b = 0; b < patchBlocks.length; b++) {
      patchBlocks[b] = b * LANES;
    }
    deltaBlocks = new int[out / LANES];
    for (int b = 0; b < deltaBlocks.length; b++) {
      deltaBlocks[b] = b * chunk * LANES;
    }
    gradientTaps = new int[8];
    gradientOffsets = new int[8];
    gradientOffsetsHalf = new int[8];
    for (int j = 0; j < 8; j++) {
      gradientTaps[j] = j;
      gradientOffsets[j] = layout.tapOffset(GROUP, j, 0);
      gradientOffsetsHalf[j] = layout.tapOffset(LANES, j, 0);
    }
    patches = new float[chunk * kPad + LANES];
    rows = swapped ? new float[(chunk + vl - 1) / vl * kPad * vl] : null;
    tail = swapped ? new float[out * vl] : null;
    phases = swapped && strideW > 1 ? new float[in * height * strideW * phaseWidth] : null;
    delta = new float[out * chunk];
    scratch = new Scratch[] {new Scratch(patches, delta, tileOffsets)};
    forwardWeights = new float[out * kPad];
    inputGradientWeights = new float[out * kPad];
    weightGradient = new float[out * kPad];
  }

  @Override
  public void packForward(float[] p, int weight) {
    long version = packedFrom.version(p, weight);
    if (version == forwardVersion) {
      return;
    }
    forwardVersion = version;
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < kPad; c++) {
        forwardWeights[swapped ? o * kPad + c : quad ? layout.quadIndex(o, c, 0) : layout.forwardIndex(o, c, 0)] =
            c < k ? p[weight + o * k + c] : 0f;
      }
    }
  }

  @Override
  public void forward(float[] p, int bias, float[] x, int xo, float[] y, int yo) {
    forward(p, bias, x, xo, y, yo, null, null, null, 0, false);
  }

  /** Each chunk's output goes through the epilogue as soon as it is written, while it is in cache. */
  @Override
  public void forward(float[] p, int bias, float[] x, int xo, float[] y, int yo, float[] scale, float[] shift,
                      float[] residual, int ro, boolean relu) {
    if (output != null) {
      output.release(null, 0);
    }
    if (swapped) {
      forwardSwapped(p, bias, x, xo, y, yo, scale, shift, residual, ro, relu);
      return;
    }
    forwardChunks(p, bias, x, xo, y, yo, scale, shift, residual, ro, relu, false, true);
  }

  /**
   * The linked fused pass (a ResNet's stem before its max pooling): without a residual term, on the per-position
   * way, each chunk's output goes through the epilogue in the blocked order the tiles wrote it and is copied into the
   * output planes (a row of positions is one run of floats in both), which the layers after read in place; the NCHW
   * output is written too unless {@code lazy}. Otherwise the unlinked fused pass. The input is always read as NCHW.
   */
  @Override
  public void forward(float[] p, int bias, BlockedLayer source, float[] x, int xo, float[] y, int yo, float[] scale,
                      float[] shift, BlockedLayer residualSource, float[] residual, int ro, boolean relu,
                      boolean lazy) {
    if (source != null) {
      source.flush();
    }
    if (swapped || residual != null) {
      if (residualSource != null) {
        residualSource.flush();
      }
      forward(p, bias, x, xo, y, yo, scale, shift, residual, ro, relu);
      return;
    }
    if (output == null) {
      Planes planes = new Planes(out, positions / outW, outW, 1);
      output = new OutputPlanes(planes, new float[planes.size()]);
    }
    output.release(y, yo);
    forwardChunks(p, bias, x, xo, y, yo, scale, shift, null, 0, relu, true, !lazy);
    output.hold(y, yo, lazy);
  }

  @Override
  public void flush() {
    if (output != null) {
      output.flush();
    }
  }

  @Override
  public OutputPlanes outputPlanes() {
    return output;
  }

  /**
   * The per-position forward pass, chunk by chunk: the patches gathered, the tiles into {@link #delta}; then the
   * epilogue (when {@code scale} is not null) and the copy into the output planes when {@code planes}, and the NCHW
   * output when {@code nchw}. The chunks are split into contiguous ranges across the team of {@link #useThreads}
   * when there is one, each member with its own patches and output chunk; a chunk's values do not depend on the
   * thread, so the output is the same bit for bit.
   */
  private void forwardChunks(float[] p, int bias, float[] x, int xo, float[] y, int yo, float[] scale, float[] shift,
                             float[] residual, int ro, boolean relu, boolean planes, boolean nchw) {
    int chunks = (positions + chunk - 1) / chunk;
    pass.set(p, bias, x, xo, y, yo, scale, shift, residual, ro, relu, planes, nchw);
    try {
      if (team == null || chunks < 2) {
        forwardChunks(0, chunks, scratch[0]);
      } else {
        team.run(member, Math.min(team.size(), chunks));
      }
    } finally {
      pass.set(null, 0, null, 0, null, 0, null, null, null, 0, false, false, false);
    }
  }

  /** Member {@code m} of the team: its share of the chunks, contiguous. */
  private void forwardMember(int m) {
    int chunks = (positions + chunk - 1) / chunk;
    int members = Math.min(team.size(), chunks);
    forwardChunks(chunks * m / members, chunks * (m + 1) / members, scratch[m]);
  }

  /** Chunks {@code [from, to)} of {@link #pass} with the scratch {@code sc}. */
  private void forwardChunks(int from, int to, Scratch sc) {
    Pass a = pass;
    float[] b = a.bias < 0 ? null : a.p;
    for (int p0 = from * chunk; p0 < Math.min(positions, to * chunk); p0 += chunk) {
      int n = Math.min(chunk, positions - p0);
      gather(a.x, a.xo, p0, n, sc.patches);
      int quadWidth = QuadTile.VECTORS * LANES;
      for (int g = 0; quad && g < out / quadWidth; g++) {
        Tile.plane(true, 1, n, sc.patches, 0, 0, kPad, patchBlocks, forwardWeights, g * layout.quadGroup(), b,
            a.bias + g * quadWidth, sc.delta, QuadTile.VECTORS * g * chunk * LANES, 0, LANES, chunk * LANES, sc.at);
      }
      for (int g = 0; !quad && g < outGroups; g++) {
        Tile.row(WeightLayout.width(out, g * GROUP) < GROUP, n, sc.patches, 0, patchBlocks, kPad, forwardWeights,
            g * layout.forwardGroup(), b, a.bias + g * GROUP, sc.delta, 2 * g * chunk * LANES, chunk * LANES, LANES,
            sc.at);
      }
      if (a.planes) {
        for (int c = 0; c < out; c += LANES) {
          int run = c / LANES * chunk * LANES;
          if (a.scale != null) {
            Epilogue.applyRun(sc.delta, run, n, FloatVector.fromArray(SPECIES, a.scale, c),
                FloatVector.fromArray(SPECIES, a.shift, c), null, a.relu);
          }
          for (int q = 0; q < n; ) { // one row of positions at a time: consecutive in both layouts
            int oy = (p0 + q) / outW;
            int ox = (p0 + q) % outW;
            int count = Math.min(n - q, outW - ox);
            System.arraycopy(sc.delta, run + q * LANES, output.data(), output.planes().interior(c, oy, ox),
                count * LANES);
            q += count;
          }
        }
        if (a.nchw) {
          delta(false, a.y, a.yo + p0, n, sc.delta);
        }
        continue;
      }
      delta(false, a.y, a.yo + p0, n, sc.delta);
      if (a.scale != null) {
        Epilogue.apply(a.y, a.yo, positions, 0, out, p0, n, a.scale, a.shift, a.residual, a.ro, a.relu);
      }
    }
  }

  /**
   * Splits the forward passes of the per-position way across {@code team} (null: this thread alone), each member
   * with its own chunk scratch (made here, so that a pass allocates nothing). The swapped way stays on one thread.
   */
  @Override
  public void useThreads(WorkerPool team) {
    this.team = team;
    if (team != null && scratch.length < team.size()) {
      Scratch[] grown = Arrays.copyOf(scratch, team.size());
      for (int m = scratch.length; m < grown.length; m++) {
        grown[m] = new Scratch(new float[patches.length], new float[delta.length], new int[Tile.AT]);
      }
      scratch = grown;
    }
  }

  /** One thread's scratch for a chunk of the forward pass: patches, output chunk, tile offsets. */
  private record Scratch(float[] patches, float[] delta, int[] at) {}

  /** The arguments of the forward pass the chunks compute (fields, so that the team's task allocates nothing). */
  private static final class Pass {
    float[] p;
    int bias;
    float[] x;
    int xo;
    float[] y;
    int yo;
    float[] scale;
    float[] shift;
    float[] residual;
    int ro;
    boolean relu;
    boolean planes;
    boolean nchw;

    void set(float[] p, int bias, float[] x, int xo, float[] y, int yo, float[] scale, float[] shift,
             float[] residual, int ro, boolean relu, boolean planes, boolean nchw) {
      this.p = p;
      this.bias = bias;
      this.x = x;
      this.xo = xo;
      this.y = y;
      this.yo = yo;
      this.scale = scale;
      this.shift = shift;
      this.residual = residual;
      this.ro = ro;
      this.relu = relu;
      this.planes = planes;
      this.nchw = nchw;
    }
  }

  /** The forward pass of wide output rows: im2col rows, the swapped tile, NCHW output. */
  private void forwardSwapped(float[] p, int bias, float[] x, int xo, float[] y, int yo, float[] scale,
                              float[] shift, float[] residual, int ro, boolean relu) {
    splitPhases(x, xo);
    for (int p0 = 0; p0 < positions; p0 += chunk) {
      int n = Math.min(chunk, positions - p0);
      im2col(x, xo, p0, n);
      // the blocked tile with its roles swapped: its "positions" are 7 output channels (weights broadcast from
      // [out][Kpad]), its vectors V positions of the rows; only a last, partial group goes through tail
      for (int g = 0; g * vl < n; g++) {
        boolean whole = (g + 1) * vl <= n;
        Tile.plane(quad, 1, out, forwardWeights, 0, 0, kPad, patchBlocks, rows, g * kPad * vl, null, 0,
            whole ? y : tail, whole ? yo + p0 + g * vl : 0, 0, whole ? positions : vl, LANES, tileOffsets);
        if (!whole) {
          for (int o = 0; o < out; o++) {
            System.arraycopy(tail, o * vl, y, yo + o * positions + p0 + g * vl, n - g * vl);
          }
        }
      }
      if (bias >= 0) { // after the sums, as the blocked tiles add it
        for (int o = 0; o < out; o++) {
          float b = p[bias + o];
          for (int q = yo + o * positions + p0, end = q + n; q < end; q++) {
            y[q] += b;
          }
        }
      }
      if (scale != null) {
        Epilogue.apply(y, yo, positions, 0, out, p0, n, scale, shift, residual, ro, relu);
      }
    }
  }

  @Override
  public void beginBackward(float[] p, int weight) {
    Arrays.fill(weightGradient, 0f);
    long version = packedFrom.version(p, weight);
    if (version == backwardVersion) {
      return;
    }
    backwardVersion = version;
    int i = 0;
    for (int g = 0; g < kGroups; g++) {
      int groupWidth = WeightLayout.width(kPad, g * GROUP);
      for (int o = 0; o < out; o++) {
        for (int v = 0; v < groupWidth; v++) {
          int c = g * GROUP + v;
          inputGradientWeights[i++] = c < k ? p[weight + o * k + c] : 0f;
        }
      }
    }
  }

  @Override
  public void backward(float[] x, int xo, float[] dy, int yo, float[] dx) {
    int kGradient = (k + 7) / 8 * 8; // patch channels from here on have zero weights: their gradient is not needed
    for (int p0 = 0; p0 < positions; p0 += chunk) {
      int n = Math.min(chunk, positions - p0);
      gather(x, xo, p0, n, patches);
      delta(true, dy, yo + p0, n, delta);
      for (int c = 0; c < kGradient; c += 8) { // channels outer: both groups read the same patch lines in turn
        for (int g = 0; g < outGroups; g++) {
          int dyBase = 2 * g * chunk * LANES;
          int dwBase = layout.forwardIndex(g * GROUP, c, 0);
          if (WeightLayout.width(out, g * GROUP) < GROUP) {
            WeightGradTile.run8Half(patches, c, gradientTaps, kPad, 0, delta, dyBase, 0, n, n, weightGradient,
                dwBase, gradientOffsetsHalf);
          } else {
            WeightGradTile.run8(patches, c, gradientTaps, kPad, 0, delta, dyBase, 0, chunk * LANES, n, n,
                weightGradient, dwBase, gradientOffsets);
          }
        }
      }
      if (dx != null) {
        for (int g = 0; g < kGroups; g++) {
          Tile.row(WeightLayout.width(kPad, g * GROUP) < GROUP, n, delta, 0, deltaBlocks, LANES,
              inputGradientWeights, g * out * GROUP, null, 0, patches, g * GROUP, LANES, kPad, tileOffsets);
        }
        scatter(dx, xo, p0, n);
      }
    }
  }

  @Override
  public void endBackward(float[] g, int weight) {
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < k; c++) {
        g[weight + o * k + c] += weightGradient[layout.forwardIndex(o, c, 0)];
      }
    }
  }

  /** Writes the patches of positions {@code p0 … p0 + n − 1} of the sample at {@code x[xo …]} into {@code patches}. */
  private void gather(float[] x, int xo, int p0, int n, float[] patches) {
    VectorSpecies<Float> s = SPECIES;
    // zero vectors are made where they are stored: one made here and used only on a rare path was boxed per call
    int oh = p0 / outW;
    int ow = p0 % outW;
    for (int q = 0; q < n; q++) {
      int dst = q * kPad;
      int r0 = oh * strideH - padH;
      int q0 = ow * strideW - padW;
      if (vectorRows && q0 >= 0 && q0 + kw <= width
          && xo + (in - 1) * planeSize + (r0 + (kh - 1) * dilationH) * width + q0 + LANES <= x.length) {
        // the window's rows inside the input, kernel rows iLo … iHi − 1: one vector each, no test
        int iLo = r0 >= 0 ? 0 : Math.min(kh, (-r0 + dilationH - 1) / dilationH);
        int iHi = Math.max(iLo, Math.min(kh, (height - r0 + dilationH - 1) / dilationH));
        int rowStep = dilationH * width;
        for (int c = 0; c < in; c++) {
          int d = dst + c * kh * kw;
          int i = 0;
          for (; i < iLo; i++, d += kw) {
            FloatVector.zero(s).intoArray(patches, d);
          }
          int src = xo + c * planeSize + (r0 + iLo * dilationH) * width + q0;
          for (; i < iHi; i++, d += kw, src += rowStep) {
            FloatVector.fromArray(s, x, src).intoArray(patches, d);
          }
          for (; i < kh; i++, d += kw) {
            FloatVector.zero(s).intoArray(patches, d);
          }
        }
      } else {
        int d = dst;
        for (int c = 0; c < in; c++) {
          int plane = xo + c * height * width;
          for (int i = 0; i < kh; i++) {
            int r = r0 + i * dilationH;
            boolean rowInside = r >= 0 && r < height;
            for (int j = 0; j < kw; j++, d++) {
              int col = q0 + j * dilationW;
              patches[d] = rowInside && col >= 0 && col < width ? x[plane + r * width + col] : 0f;
            }
          }
        }
      }
      if (kPad > k) {
        // the padding channels; the lanes beyond them the next position overwrites
        FloatVector.zero(s).intoArray(patches, dst + k);
      }
      if (++ow == outW) {
        ow = 0;
        oh++;
      }
    }
  }

  /** A strided layer: splits every input row of the sample at {@code x[xo …]} into its column phases ({@link #phases}). */
  private void splitPhases(float[] x, int xo) {
    if (phases == null) {
      return;
    }
    for (int row = 0; row < in * height; row++) {
      int src = xo + row * width;
      int dst = row * strideW * phaseWidth;
      for (int f = 0; f < strideW; f++, dst += phaseWidth) {
        for (int t = 0, col = f; col < width; t++, col += strideW) {
          phases[dst + t] = x[src + col];
        }
      }
    }
  }

  /**
   * Writes the im2col rows of positions {@code p0 … p0 + n − 1} of the sample at {@code x[xo …]} (or of its
   * {@link #phases}) into {@link #rows}: position {@code q} of the chunk, patch channel {@code kk} at
   * {@code (q / V)·Kpad·V + kk·V + q mod V}.
   */
  private void im2col(float[] x, int xo, int p0, int n) {
    for (int kk = 0; kk < k; kk++) {
      int c = kk / (kh * kw);
      int i = kk / kw % kh;
      int j = kk % kw;
      int first = columnFirst[j];
      int end = columnEnd[j];
      int oh = p0 / outW;
      int ow = p0 % outW;
      for (int q = 0; q < n; oh++, ow = 0) {
        int count = Math.min(outW - ow, n - q); // positions ow … ow + count − 1 of output row oh
        int r = oh * strideH - padH + i * dilationH;
        int lo = Math.max(ow, first);
        int hi = Math.min(ow + count, end);
        if (r < 0 || r >= height || lo >= hi) {
          zeros(kk, q, count);
        } else {
          zeros(kk, q, lo - ow);
          if (phases == null) {
            copy(x, xo + (c * height + r) * width + lo + columnShift[j], kk, q + lo - ow, hi - lo);
          } else {
            copy(phases, ((c * height + r) * strideW + columnPhase[j]) * phaseWidth + lo + columnShift[j], kk,
                q + lo - ow, hi - lo);
          }
          zeros(kk, q + hi - ow, ow + count - hi);
        }
        q += count;
      }
    }
  }

  /** Copies {@code count} values from {@code src[from …]} into row {@code kk} at chunk positions {@code q …}. */
  private void copy(float[] src, int from, int kk, int q, int count) {
    while (count > 0) {
      int within = q & (vl - 1);
      int run = Math.min(count, vl - within); // to the end of q's group
      int at = ((q >> vlShift) * kPad + kk) * vl + within;
      System.arraycopy(src, from, rows, at, run);
      from += run;
      q += run;
      count -= run;
    }
  }

  /** Zeros row {@code kk} at chunk positions {@code q … q + count − 1}. */
  private void zeros(int kk, int q, int count) {
    while (count > 0) {
      int within = q & (vl - 1);
      int run = Math.min(count, vl - within);
      int at = ((q >> vlShift) * kPad + kk) * vl + within;
      Arrays.fill(rows, at, at + run, 0f);
      q += run;
      count -= run;
    }
  }

  /**
   * Between {@link #delta} ({@code [out/L][chunk][L]}: the chunk's output, or its delta) and {@code n} positions of
   * NCHW maps at {@code nchw[base …]} (a map every {@code outH·outW} values): into the delta ({@code in}), else out of
   * it, by register transposes; the last {@code n mod L} one value at a time. (One float at a time with a stride of
   * {@code L}, the output took 0.5 of ResNet-18's stem's 3.0 ms.)
   */
  private void delta(boolean in, float[] nchw, int base, int n, float[] delta) {
    int whole = Transpose.supported() ? n - n % LANES : 0;
    for (int b = 0; b < out / LANES; b++) {
      int block = b * chunk * LANES;
      int maps = base + b * LANES * positions;
      for (int q = 0; q < whole; q += LANES) {
        if (in) {
          Transpose.block(nchw, maps + q, mapOffsets, 0, delta, block + q * LANES, laneOffsets, 0, false);
        } else {
          Transpose.block(delta, block + q * LANES, laneOffsets, 0, nchw, maps + q, mapOffsets, 0, false);
        }
      }
      for (int v = 0; v < LANES; v++) {
        for (int q = whole; q < n; q++) {
          if (in) {
            delta[block + q * LANES + v] = nchw[maps + v * positions + q];
          } else {
            nchw[maps + v * positions + q] = delta[block + q * LANES + v];
          }
        }
      }
    }
  }

  /** Adds the patch gradient in {@link #patches} of positions {@code p0 … p0 + n − 1} into the sample at {@code dx}. */
  private void scatter(float[] dx, int xo, int p0, int n) {
    int oh = p0 / outW;
    int ow = p0 % outW;
    for (int q = 0; q < n; q++) {
      int d = q * kPad;
      int r0 = oh * strideH - padH;
      int q0 = ow * strideW - padW;
      boolean colsInside = q0 >= 0 && q0 + (kw - 1) * dilationW < width;
      for (int c = 0; c < in; c++) {
        int plane = xo + c * height * width;
        for (int i = 0; i < kh; i++, d += kw) {
          int r = r0 + i * dilationH;
          if (r < 0 || r >= height) {
            continue;
          }
          int row = plane + r * width + q0;
          if (colsInside) {
            for (int j = 0; j < kw; j++) {
              dx[row + j * dilationW] += patches[d + j];
            }
          } else {
            for (int j = 0; j < kw; j++) {
              int col = q0 + j * dilationW;
              if (col >= 0 && col < width) {
                dx[row + j * dilationW] += patches[d + j];
              }
            }
          }
        }
      }
      if (++ow == outW) {
        ow = 0;
        oh++;
      }
    }
  }
}
