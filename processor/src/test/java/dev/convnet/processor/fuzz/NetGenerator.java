package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.LayerSpec.Kind;
import dev.convnet.processor.fuzz.LayerSpec.Pad;
import dev.convnet.processor.fuzz.NetSpec.Shape;
import dev.convnet.processor.read.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random valid network declarations over odd, non-square maps: DAGs of every layer kind (residual additions of 2–3
 * branches, among them ResNet's strided 3×3/1×1 pair, concatenations of 2–4 branches of maps or vectors, batch norm,
 * dropout, local response normalization, global average pooling, grouped and frozen convolutions, RBF outputs with
 * trainable or fixed prototypes, one or two uses of a block declared in the same file), with strides, every padding
 * mode, dilation, ceil-mode pools, connection tables, every activation (softmax only at the output) and a loss.
 * Sizes stay small (about {@value #MAX_LAYERS} layers at most, blocks expanded) so that a batch of declarations compiles
 * and runs in about a second.
 */
final class NetGenerator {
  /** The most values one layer's output may hold. */
  private static final int MAX_VALUES = 600;
  private static final int MAX_SIDE = 18;
  /** The most layers (blocks expanded) of a network: javac's time grows with the generated class. */
  private static final int MAX_LAYERS = 7;
  /** Declarations whose first layer is a convolution for the blocked Vector API kernels. */
  private static final double BLOCKED_SHARE = 0.1;
  private static final Kind[] MAP_KINDS = {Kind.CONV, Kind.CONV, Kind.TRANSPOSED, Kind.MAX, Kind.AVG, Kind.L2,
      Kind.SUBSAMPLING, Kind.DENSE, Kind.ACTIVATE, Kind.BATCHNORM, Kind.DROPOUT, Kind.LRN, Kind.GAP, Kind.RBF};
  private static final Kind[] VECTOR_KINDS = {Kind.DENSE, Kind.DENSE, Kind.DENSE, Kind.ACTIVATE, Kind.BATCHNORM,
      Kind.DROPOUT, Kind.LRN, Kind.RBF};
  private static final Act[] HIDDEN = {Act.IDENTITY, Act.RELU, Act.LEAKY_RELU, Act.SIGMOID, Act.TANH,
      Act.LECUN_TANH};

  private final SplittableRandom random;

  NetGenerator(SplittableRandom random) {
    this.random = random;
  }

  private int between(int lo, int hi) {
    return random.nextInt(lo, hi + 1);
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  NetSpec valid(String name) {
    return valid(name, false);
  }

  /** The layer names taken (as constants) in the network being generated, and a counter for fresh names. */
  private Set<String> constants;
  private int counter;

  /**
   * A random valid network: a trunk of single layers, residual additions and concatenations of branches, and
   * sometimes one or two uses of a block. With {@code simpleEnd} the output reads exactly one layer and is no block
   * use (the invalid generator edits its method).
   */
  NetSpec valid(String name, boolean simpleEnd) {
    NetSpec net = new NetSpec(name);
    net.channels = between(1, 4);
    net.height = between(1, 13);
    net.width = chance(0.7) ? between(1, 13) : net.height;
    net.channelsWritten = chance(0.7);
    net.inputName = chance(0.8) ? "input" : pick(new String[] {"x", "image", "in0", "data"});
    net.float32 = true;
    net.float64 = true;
    net.vectorApi = chance(0.3);
    constants = new HashSet<>();
    constants.add(Names.constant(net.inputName));
    counter = 0;
    int count = between(1, 5);
    boolean blocked = chance(BLOCKED_SHARE);
    if (blocked) {
      blockedInput(net);
    }
    Shape shape = new Shape(net.channels, net.height, net.width, false);
    String prev = net.inputName;
    if (blocked) { // a first convolution that takes the blocked Vector API kernels (BlockedVectorConv)
      LayerSpec l = blockedConv(fresh(prev), prev, shape);
      net.layers.add(l);
      prev = l.name;
      Shape convShape = net.shapeMap().get(prev);
      if (chance(0.7)) { // conv → batch norm [→ + input] [→ ReLU]: what a frozen copy fuses into the conv's epilogue
        l.act = Act.IDENTITY;
        LayerSpec bn = batchNorm(new LayerSpec(Kind.BATCHNORM, fresh(prev), prev), false);
        net.layers.add(bn);
        prev = bn.name;
        if (bn.act == Act.IDENTITY && convShape.equals(shape) && chance(0.6)) {
          LayerSpec sum = new LayerSpec(Kind.ADD, fresh(prev), chance(0.5) ? prev : net.inputName);
          sum.more.add(sum.from.equals(prev) ? net.inputName : prev);
          sum.act = chance(0.7) ? Act.RELU : Act.IDENTITY;
          net.layers.add(sum);
          prev = sum.name;
        }
        if (chance(0.8)) { // a second chain reading the first's result: linked fused passes, the first's output lazy
          prev = secondChain(net, prev);
        }
      }
      shape = net.shapeMap().get(prev);
    }
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      double r = net.expanded().size() + 3 > MAX_LAYERS ? 1 : random.nextDouble();
      int before = net.layers.size();
      int blocksBefore = net.blocks.size();
      boolean done = false;
      if (r < 0.25 && !(last && simpleEnd)) {
        done = merge(net, prev, shape, last);
      } else if (r < 0.31 && !shape.vector() && net.blocks.isEmpty() && !(last && simpleEnd)) {
        done = blockUses(net, prev, shape, last);
      }
      if (done && (!fits(net) || net.expanded().size() > MAX_LAYERS)) {
        done = false;
      }
      if (!done) { // roll back a construct that did not fit, and add a single layer
        while (net.layers.size() > before) {
          net.layers.remove(net.layers.size() - 1);
        }
        while (net.blocks.size() > blocksBefore) {
          net.blocks.remove(net.blocks.size() - 1);
        }
        LayerSpec l = layer(fresh(prev), prev, shape, last);
        net.layers.add(l);
      }
      prev = net.last().name;
      shape = net.shapeMap().get(prev);
    }
    net.last().output = true;
    net.loss = loss(net.last(), shape);
    return net;
  }

  /**
   * An input for a first convolution that takes the blocked Vector API kernels: 16, 32 or 64 maps (their direct form;
   * 64: the input gradient by the 4-vector tile at 16 lanes, as 64 filters take it forward) or 1 to 4 (their patch
   * form), small enough that a 16- to 64-map convolution of it stays within
   * {@link #MAX_VALUES}; widths up to 9, so that rows fill the kernels' 7-position tiles and leave tails, or 13 to 16
   * (rows the 3×3 row tile covers by 8 and 7 positions).
   */
  private void blockedInput(NetSpec net) {
    boolean patch = chance(0.4);
    do {
      net.channels = patch ? between(1, 4) : pick(new Integer[] {16, 16, 16, 16, 32, 32, 32, 64, 64});
      net.height = between(1, 6);
      net.width = !patch && net.channels <= 32 && chance(0.5) ? between(13, 16) : between(1, 9);
    } while (net.channels * net.height * net.width > MAX_VALUES
        || 16 * ((net.height + 1) / 2) * ((net.width + 1) / 2) > MAX_VALUES);
    net.channelsWritten = true;
  }

  /**
   * A convolution the blocked kernels compute: 16, 32 or 64 filters; on 16 or 32 maps a square kernel of 1, 2 or 3
   * with stride 1 or 2 and padding 0 or 1 (the direct form: odd and even sizes, a stride-2 input gradient by phases),
   * on fewer maps any kernel up to 5 with stride, dilation and padding (the patch form: windows of at least 16
   * values); a 1×1 stride-2 one when nothing else fits.
   */
  private LayerSpec blockedConv(String name, String from, Shape in) {
    for (int attempt = 0; attempt < 40; attempt++) {
      LayerSpec l = new LayerSpec(Kind.CONV, name, from);
      l.filters = pick(new Integer[] {16, 32, 32, 64});
      l.pad = Pad.EXPLICIT;
      if (in.c() >= 16 && in.w() >= 13 && chance(0.7)) { // a wide row: the 3×3 row tile's 8- and 7-position runs
        l.filters = 32;
        l.kh = l.kw = 3;
        l.sh = l.sw = 1;
        l.ph = l.pw = 1;
      } else if (in.c() >= 16) {
        l.kh = l.kw = pick(new Integer[] {1, 2, 3, 3});
        l.sh = l.sw = chance(0.6) ? 1 : 2;
        l.ph = l.pw = l.kh == 1 ? 0 : l.kh == 3 ? (chance(0.8) ? 1 : 0) : between(0, 1);
      } else {
        l.kh = between(1, 5);
        l.kw = chance(0.6) ? l.kh : between(1, 5);
        l.sh = between(1, 2);
        l.sw = chance(0.7) ? l.sh : between(1, 3);
        l.dh = chance(0.8) ? 1 : 2;
        l.dw = chance(0.8) ? 1 : 2;
        l.ph = between(0, 2);
        l.pw = between(0, 2);
        if (in.c() * l.kh * l.kw < 16) {
          continue;
        }
      }
      l.bias = chance(0.7);
      activation(l, false);
      Shape out = NetSpec.output(l, in);
      if (out != null && out.size() <= MAX_VALUES && out.h() <= MAX_SIDE && out.w() <= MAX_SIDE) {
        return l;
      }
    }
    LayerSpec l = new LayerSpec(Kind.CONV, name, from);
    l.filters = 16;
    l.kh = l.kw = 1;
    l.sh = l.sw = 2;
    l.pad = Pad.EXPLICIT;
    activation(l, false);
    return l;
  }

  /**
   * After a fused chain ending in {@code first}: a blocked convolution of it (often 3×3, stride 1, padding 1 and as
   * many filters as it has maps, so that its shape stays), a batch norm and, where the shape stayed, a sum with
   * {@code first}: the frozen copy's second pass then reads its input, and perhaps its residual term, from the first
   * pass's blocked planes, and the first pass's output is lazy; sometimes with a max pooling in between (then the
   * pooling's output is {@code first} for the rest), which the frozen copy links the same way. Returns the last layer
   * added.
   */
  private String secondChain(NetSpec net, String first) {
    if (chance(0.35)) { // a max pooling between the chains: linked on blocked planes too
      LayerSpec pool = new LayerSpec(Kind.MAX, fresh(first), first);
      pool.strideWritten = true;
      pool(pool);
      net.layers.add(pool);
      if (fits(net)) {
        first = pool.name;
      } else {
        net.layers.remove(pool);
      }
    }
    Shape in = net.shapeMap().get(first);
    LayerSpec conv = blockedConv(fresh(first), first, in);
    if (chance(0.8)) {
      conv.filters = in.c();
      conv.kh = conv.kw = 3;
      conv.sh = conv.sw = 1;
      conv.ph = conv.pw = 1;
      conv.dh = conv.dw = 1;
    }
    conv.act = Act.IDENTITY;
    net.layers.add(conv);
    LayerSpec bn = batchNorm(new LayerSpec(Kind.BATCHNORM, fresh(conv.name), conv.name), false);
    bn.act = chance(0.6) ? Act.IDENTITY : Act.RELU; // what fuses
    net.layers.add(bn);
    if (bn.act != Act.IDENTITY || !in.equals(net.shapeMap().get(bn.name))) {
      return bn.name;
    }
    LayerSpec sum = new LayerSpec(Kind.ADD, fresh(bn.name), chance(0.5) ? bn.name : first);
    sum.more.add(sum.from.equals(bn.name) ? first : bn.name);
    sum.act = chance(0.7) ? Act.RELU : Act.IDENTITY;
    net.layers.add(sum);
    return sum.name;
  }

  /** Whether every layer has a shape, of at most {@link #MAX_VALUES} values and {@link #MAX_SIDE} a side. */
  private static boolean fits(NetSpec net) {
    for (Map.Entry<String, Shape> e : net.shapeMap().entrySet()) {
      Shape s = e.getValue();
      if (s == null || s.size() > MAX_VALUES || s.h() > MAX_SIDE || s.w() > MAX_SIDE) {
        return false;
      }
    }
    return true;
  }

  private String fresh(String prev) {
    return layerName(counter++, prev, constants);
  }

  // ------------------------------------------------------------------ residual additions and concatenations

  /** Adds branches from {@code from} and the Add or Concat of their ends; false when it could not. */
  private boolean merge(NetSpec net, String from, Shape in, boolean last) {
    boolean add = chance(0.5);
    List<String> ends = new ArrayList<>();
    if (add && !in.vector() && chance(0.3)) { // ResNet's downsampling: 3×3 stride s pad 1 next to a 1×1 stride s
      int s = between(1, 3);
      int f = between(1, 4);
      LayerSpec main = new LayerSpec(Kind.CONV, fresh(from), from);
      main.filters = f;
      main.kh = main.kw = 3;
      main.pad = Pad.EXPLICIT;
      main.ph = main.pw = 1;
      main.sh = main.sw = s;
      main.bias = chance(0.5);
      activation(main, false);
      net.layers.add(main);
      String end = main.name;
      if (chance(0.5)) {
        LayerSpec bn = batchNorm(new LayerSpec(Kind.BATCHNORM, fresh(end), end), false);
        net.layers.add(bn);
        end = bn.name;
      }
      LayerSpec shortcut = new LayerSpec(Kind.CONV, fresh(from), from);
      shortcut.filters = f;
      shortcut.sh = shortcut.sw = s;
      shortcut.bias = chance(0.5);
      net.layers.add(shortcut);
      ends.add(end);
      ends.add(shortcut.name);
    } else {
      boolean vectors = !add && (in.vector() || chance(0.3));
      int k = add ? (chance(0.7) ? 2 : 3) : between(2, chance(0.7) ? 3 : 4);
      boolean empty = false;
      for (int b = 0; b < k; b++) {
        int length = chance(0.2) ? 2 : between(0, 1);
        boolean mustChange = vectors && !in.vector(); // a map's branch must end in a vector
        if (length == 0 && (empty || mustChange)) {
          length = 1;
        }
        empty |= length == 0;
        String end = from;
        Shape shape = in;
        for (int j = 0; j < length; j++) {
          LayerSpec l = j == 0 && mustChange ? toVector(fresh(end), end, shape)
              : branchLayer(fresh(end), end, shape, add, vectors);
          net.layers.add(l);
          shape = NetSpec.output(l, shape);
          if (shape == null) {
            return false;
          }
          end = l.name;
        }
        ends.add(end);
      }
    }
    LayerSpec m = new LayerSpec(add ? Kind.ADD : Kind.CONCAT, fresh(ends.get(0)), ends.get(0));
    m.more = new ArrayList<>(ends.subList(1, ends.size()));
    m.longForm = chance(0.1);
    if (add) {
      activation(m, last);
    }
    net.layers.add(m);
    return true;
  }

  /** A map branch's first layer towards vectors: global average pooling, a dense layer or RBF units. */
  private LayerSpec toVector(String name, String from, Shape in) {
    LayerSpec l = new LayerSpec(chance(0.5) ? Kind.GAP : Kind.DENSE, name, from);
    l.units = between(1, 5);
    if (l.kind == Kind.DENSE) {
      l.bias = chance(0.8);
      activation(l, false);
    }
    return l;
  }

  /**
   * A layer keeping its input's height and width, and (for {@code keepChannels}, an Add's branch) its channels; a
   * vector layer for {@code vectors}.
   */
  private LayerSpec branchLayer(String name, String from, Shape in, boolean keepChannels, boolean vectors) {
    if (in.vector()) {
      int r = random.nextInt(10);
      LayerSpec l = new LayerSpec(r < 4 ? Kind.DENSE : r < 6 ? Kind.BATCHNORM : r < 7 ? Kind.DROPOUT
          : r < 8 ? Kind.LRN : Kind.ACTIVATE, name, from);
      l.units = keepChannels ? in.size() : between(1, 6);
      return single(l, in, false);
    }
    int r = random.nextInt(12);
    if (r < 5) {
      LayerSpec l = new LayerSpec(Kind.CONV, name, from);
      l.filters = keepChannels ? in.c() : between(1, 7);
      int k = pick(new Integer[] {1, 1, 3, 3, 5});
      l.kh = k;
      l.kw = chance(0.7) ? k : pick(new Integer[] {1, 3});
      l.dh = k > 1 && chance(0.2) ? 2 : 1;
      l.pad = chance(0.6) ? Pad.SAME : Pad.EXPLICIT;
      l.ph = l.dh * (l.kh - 1) / 2;
      l.pw = l.dw * (l.kw - 1) / 2;
      l.bias = chance(0.7);
      activation(l, false);
      int g = groupsFor(in.c(), l.filters);
      if (g > 1 && chance(0.4)) {
        l.groups = g;
      }
      if (chance(0.1)) {
        freeze(l, in);
      }
      return l;
    }
    if (r < 7) {
      LayerSpec l = new LayerSpec(pick(new Kind[] {Kind.MAX, Kind.AVG, Kind.L2}), name, from);
      boolean three = chance(0.6);
      l.kh = l.kw = three ? 3 : 1;
      l.ph = l.pw = three ? 1 : 0;
      l.sh = l.sw = 1;
      l.ceil = chance(0.3);
      return l;
    }
    LayerSpec l = new LayerSpec(pick(new Kind[] {Kind.BATCHNORM, Kind.BATCHNORM, Kind.DROPOUT, Kind.LRN,
        Kind.ACTIVATE}), name, from);
    return single(l, in, false);
  }

  /** The largest number of groups (at most 4) dividing both channel counts, or 1. */
  private static int groupsFor(int in, int filters) {
    for (int g = 4; g > 1; g--) {
      if (in % g == 0 && filters % g == 0) {
        return g;
      }
    }
    return 1;
  }

  /** Makes a convolution frozen: no bias, fixed kernels (one shared kernel, or one per pair when few). */
  private void freeze(LayerSpec l, Shape in) {
    l.bias = false;
    int taps = l.kh * l.kw;
    int all = l.filters * (in.c() / l.groups) * taps;
    int n = all <= 120 && chance(0.6) ? all : taps;
    l.weights = new double[n];
    for (int i = 0; i < n; i++) {
      l.weights[i] = Math.round(random.nextDouble(-1, 1) * 1000) / 1000.0;
    }
  }

  /** Options of the single-input kinds that have no shape of their own to choose. */
  private LayerSpec single(LayerSpec l, Shape in, boolean last) {
    switch (l.kind) {
      case BATCHNORM -> batchNorm(l, last);
      case DROPOUT -> {
        l.rate = pick(new Double[] {0.0, 0.1, 0.25, 0.5, 0.9});
        l.seed = chance(0.5) ? 1 : random.nextLong();
      }
      case LRN -> {
        l.lrnSize = between(1, 7);
        l.alpha = pick(new Double[] {1e-4, 0.01, 0.5, 1.0, 2.0});
        l.beta = pick(new Double[] {0.75, 0.0, 0.5, 1.0, 2.0});
        l.k = pick(new Double[] {2.0, 1.0, 0.5, 3.0});
        l.longForm = chance(0.15);
      }
      case DENSE -> {
        l.bias = chance(0.8);
        activation(l, last);
      }
      case ACTIVATE -> {
        activation(l, last);
        if (l.act == Act.IDENTITY && chance(0.5)) {
          l.act = Act.TANH;
        }
      }
      case RBF -> {
        l.units = between(1, 6);
        if (chance(0.4) && in.size() <= 300) {
          l.prototypes = new String[l.units];
          for (int u = 0; u < l.units; u++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < in.size(); j++) {
              b.append(chance(0.5) ? 'X' : '.');
            }
            l.prototypes[u] = b.toString();
          }
        }
      }
      default -> { }
    }
    return l;
  }

  private LayerSpec batchNorm(LayerSpec l, boolean last) {
    l.eps = pick(new Double[] {1e-5, 1e-5, 1e-3, 0.01, 0.5});
    l.momentum = pick(new Double[] {0.1, 0.1, 0.0, 1.0, 0.3, 0.9});
    l.affine = chance(0.7);
    l.longForm = chance(0.1);
    activation(l, last);
    return l;
  }

  // ------------------------------------------------------------------ blocks

  /** One or two uses of a new block from {@code from}; false when it could not. */
  private boolean blockUses(NetSpec net, String from, Shape in, boolean last) {
    BlockSpec block = new BlockSpec(net.name + "Block");
    int f = between(1, 2);
    int template = random.nextInt(3);
    switch (template) {
      case 0 -> { // ResNet's basic block, the stride and width of each use
        LayerSpec a = new LayerSpec(Kind.CONV, "a", "x");
        a.filters = f;
        a.kh = a.kw = 3;
        a.pad = Pad.EXPLICIT;
        a.ph = a.pw = 1;
        a.strideFromBlock = true;
        a.bias = chance(0.5);
        LayerSpec an = chance(0.6) ? batchNorm(new LayerSpec(Kind.BATCHNORM, "an", "a"), false)
            : new LayerSpec(Kind.ACTIVATE, "an", "a");
        an.act = Act.RELU;
        LayerSpec b = new LayerSpec(Kind.CONV, "b", "an");
        b.filters = f;
        b.kh = b.kw = 3;
        b.pad = Pad.SAME;
        LayerSpec sc = new LayerSpec(Kind.CONV, "sc", "x");
        sc.filters = f;
        sc.strideFromBlock = true;
        LayerSpec out = new LayerSpec(Kind.ADD, "out", "b");
        out.more.add("sc");
        out.act = Act.RELU;
        out.output = true;
        block.layers.addAll(List.of(a, an, b, sc, out));
      }
      case 1 -> { // two inputs, bound in order of first appearance: y (read first), then x
        LayerSpec c = new LayerSpec(Kind.CONV, "c", "y");
        c.filters = f;
        c.strideFromBlock = true;
        LayerSpec out = new LayerSpec(Kind.ADD, "out", "c");
        out.more.add("x");
        activation(out, false);
        out.output = true;
        block.layers.addAll(List.of(c, out));
      }
      default -> { // inception-like: a convolution's maps next to the block's input
        LayerSpec a = new LayerSpec(Kind.CONV, "a", "x");
        a.filters = f;
        a.widthIndex = chance(0.5) ? between(1, 2) : 0; // Block.W1 / W2: the filters each use gives
        a.kh = a.kw = 3;
        a.pad = Pad.SAME;
        activation(a, false);
        LayerSpec n = new LayerSpec(Kind.LRN, "n", "a");
        single(n, in, false);
        LayerSpec out = new LayerSpec(Kind.CONCAT, "out", "n");
        out.more.add("x");
        out.output = true;
        block.layers.addAll(List.of(a, n, out));
      }
    }
    net.blocks.add(block);
    int uses = between(1, 2);
    String prev = from;
    for (int u = 0; u < uses; u++) {
      LayerSpec use = new LayerSpec(Kind.BLOCK, fresh(prev), prev);
      use.block = block;
      use.width = between(1, 2);
      use.blockStride = template == 2 ? 1 : between(1, 2);
      use.longForm = chance(0.15);
      if (template == 2 && block.layers.get(0).widthIndex > 0) {
        for (int w = 0; w < block.layers.get(0).widthIndex; w++) {
          use.widths.add(between(1, 3));
        }
      }
      if (template == 1) { // the second input: what the block's convolution makes of the first
        LayerSpec q = new LayerSpec(Kind.CONV, fresh(prev), prev);
        q.filters = f * use.width;
        q.sh = q.sw = use.blockStride;
        net.layers.add(q);
        use.more.add(q.name);
      }
      net.layers.add(use);
      for (LayerSpec l : block.expand(use)) {
        constants.add(Names.constant(l.name));
      }
      prev = use.name;
    }
    return true;
  }

  /** Mostly plain names; sometimes ones that look like the generated class's own members. */
  private String layerName(int i, String prev, Set<String> constants) {
    for (int attempt = 0; ; attempt++) {
      String name;
      int kind = random.nextInt(12);
      if (attempt > 5 || kind < 6) {
        name = "l" + i + (attempt > 5 ? "_" + attempt : "");
      } else {
        name = switch (kind) {
          case 6 -> prev + pick(new String[] {"Pad", "Arg", "Mean", "Out", "Delta", "PadDelta", "Cols", "Full"});
          case 7 -> pick(new String[] {"n", "x", "y", "p", "g", "j", "m", "c", "dx", "dy", "xo", "yo", "batch",
              "capacity", "training", "reserve", "parameters", "layers", "layout", "name", "w", "k", "o", "v"});
          case 8 -> pick(new String[] {"convBlock", "Conv2", "conv_2", "deep$layer", "_hidden", "ñu", "fc"}) + i;
          case 9 -> prev + "Forward";
          case 10 -> pick(new String[] {"LAYOUT", "NAME", "FINGERPRINT", "LAYERS", "INPUT_SIZE"});
          default -> pick(new String[] {"forward", "backward", "gradients", "layerOutput", "toDouble", "predict"});
        };
      }
      String constant = Names.constant(name);
      if (!constants.contains(constant) && !name.equals(prev)) {
        constants.add(constant);
        return name;
      }
    }
  }

  private LayerSpec layer(String name, String from, Shape in, boolean last) {
    for (int attempt = 0; attempt < 30; attempt++) {
      Kind kind = in.vector() ? pick(VECTOR_KINDS) : pick(MAP_KINDS);
      LayerSpec l = new LayerSpec(kind, name, from);
      l.longForm = chance(0.15);
      l.strideWritten = chance(0.5);
      switch (kind) {
        case CONV -> conv(l, in);
        case TRANSPOSED -> transposed(l);
        case MAX, AVG, L2 -> pool(l);
        case SUBSAMPLING -> subsampling(l);
        case DENSE -> {
          l.units = between(1, 7);
          l.bias = chance(0.8);
        }
        case ACTIVATE -> { }
        default -> single(l, in, last);
      }
      if (l.hasActivation() && kind != Kind.BATCHNORM) {
        activation(l, last);
      }
      if (kind == Kind.ACTIVATE && l.act == Act.IDENTITY && chance(0.5)) {
        l.act = Act.TANH;
      }
      if (kind == Kind.RBF && !last) { // penalties (sums of squares) saturate whatever activation follows
        continue;
      }
      Shape out = NetSpec.output(l, in);
      if (out != null && out.size() <= MAX_VALUES && out.h() <= MAX_SIDE && out.w() <= MAX_SIDE) {
        return l;
      }
    }
    LayerSpec l = new LayerSpec(Kind.DENSE, name, from);
    l.units = between(1, 5);
    activation(l, last);
    return l;
  }

  private void activation(LayerSpec l, boolean last) {
    if (!l.hasActivation()) {
      return;
    }
    l.act = last && chance(0.25) ? Act.SOFTMAX : pick(HIDDEN);
    if (l.act == Act.LEAKY_RELU) {
      l.slope = pick(new Double[] {0.0, 0.01, 0.1, 0.25, 0.5, 0.999});
    }
    l.slopeWritten = chance(0.1);
  }

  private void conv(LayerSpec l, Shape in) {
    l.filters = between(1, 5);
    l.kh = between(1, 4);
    l.kw = chance(0.6) ? between(1, 4) : l.kh;
    l.dh = chance(0.7) ? 1 : between(2, 3);
    l.dw = chance(0.7) ? 1 : between(2, 3);
    l.pad = pick(Pad.values());
    if (l.pad == Pad.SAME) {
      if (l.dh * (l.kh - 1) % 2 != 0) {
        l.kh++;
      }
      if (l.dw * (l.kw - 1) % 2 != 0) {
        l.kw++;
      }
      l.sh = 1;
      l.sw = 1;
    } else {
      l.sh = chance(0.6) ? 1 : between(2, 3);
      l.sw = chance(0.6) ? 1 : between(2, 3);
    }
    if (l.pad == Pad.EXPLICIT) {
      l.ph = between(0, 3);
      l.pw = between(0, 3);
    }
    l.bias = chance(0.8);
    if (chance(0.25)) {
      l.table = new String[in.c()];
      boolean[][] x = new boolean[in.c()][l.filters];
      for (int i = 0; i < in.c(); i++) {
        for (int o = 0; o < l.filters; o++) {
          x[i][o] = chance(0.5);
        }
      }
      for (int o = 0; o < l.filters; o++) {
        x[random.nextInt(in.c())][o] = true; // every output map reads something
      }
      for (int i = 0; i < in.c(); i++) {
        StringBuilder b = new StringBuilder();
        for (int o = 0; o < l.filters; o++) {
          b.append(x[i][o] ? 'X' : '.');
        }
        l.table[i] = b.toString();
      }
    } else if (chance(0.25)) {
      int g = groupsFor(in.c(), l.filters);
      if (g == 1 && in.c() > 1) { // make the filters fit a group count dividing the input's maps
        g = in.c() % 2 == 0 ? 2 : in.c();
        l.filters = g * between(1, Math.max(1, 5 / g));
      }
      l.groups = g;
    }
    if (chance(0.1)) {
      freeze(l, in);
    }
  }

  private void transposed(LayerSpec l) {
    l.filters = between(1, 4);
    l.kh = between(1, 4);
    l.kw = chance(0.6) ? between(1, 4) : l.kh;
    l.sh = between(1, 3);
    l.sw = between(1, 3);
    l.dh = chance(0.7) ? 1 : between(2, 3);
    l.dw = chance(0.7) ? 1 : between(2, 3);
    l.ph = chance(0.5) ? 0 : between(0, 2);
    l.pw = chance(0.5) ? 0 : between(0, 2);
    l.oph = chance(0.6) ? 0 : random.nextInt(Math.max(l.sh, l.dh));
    l.opw = chance(0.6) ? 0 : random.nextInt(Math.max(l.sw, l.dw));
    l.bias = chance(0.8);
  }

  private void pool(LayerSpec l) {
    l.kh = between(1, 4);
    l.kw = chance(0.6) ? between(1, 4) : l.kh;
    if (l.strideWritten) {
      l.sh = between(1, 3);
      l.sw = between(1, 3);
    } else {
      l.sh = l.kh;
      l.sw = l.kw;
    }
    if (chance(0.5)) {
      l.ph = between(0, l.kh / 2);
      l.pw = between(0, l.kw / 2);
    }
    l.ceil = chance(0.4);
  }

  private void subsampling(LayerSpec l) {
    l.kh = between(1, 3);
    l.kw = chance(0.6) ? between(1, 3) : l.kh;
    if (l.strideWritten) {
      l.sh = between(1, 3);
      l.sw = between(1, 3);
    } else {
      l.sh = l.kh;
      l.sw = l.kw;
    }
  }

  private String loss(LayerSpec out, Shape shape) {
    if (out.kind == Kind.RBF && chance(0.5)) {
      return "rbf-map";
    }
    if (out.act == Act.SOFTMAX) {
      return chance(0.6) ? "categorical-cross-entropy" : "mse";
    }
    return pick(new String[] {"softmax-cross-entropy", "mse", "binary-cross-entropy-with-logits", "l1"});
  }

  /** Names of every parameter tensor of {@code net}, in declaration order. */
  static List<String> parameterNames(NetSpec net) {
    List<String> names = new ArrayList<>();
    for (LayerSpec l : net.expanded()) {
      if (l.hasParameters()) {
        names.add(l.name + ".weight");
        if (l.hasBias()) {
          names.add(l.name + ".bias");
        }
      }
    }
    return names;
  }
}
