package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.LayerSpec.Kind;
import dev.convnet.processor.fuzz.LayerSpec.Pad;
import dev.convnet.processor.fuzz.NetSpec.Shape;
import dev.convnet.processor.read.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random valid network declarations: chains of every layer kind over odd, non-square maps, with strides, every
 * padding mode, dilation, ceil-mode pools, connection tables, every activation (softmax only at the output) and a
 * loss. Sizes stay small so that a batch of declarations compiles and runs in about a second.
 */
final class NetGenerator {
  /** The most values one layer's output may hold. */
  private static final int MAX_VALUES = 600;
  private static final int MAX_SIDE = 18;
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
    NetSpec net = new NetSpec(name);
    net.channels = between(1, 4);
    net.height = between(1, 13);
    net.width = chance(0.7) ? between(1, 13) : net.height;
    net.channelsWritten = chance(0.7);
    net.inputName = chance(0.8) ? "input" : pick(new String[] {"x", "image", "in0", "data"});
    net.float32 = true;
    net.float64 = true;
    net.vectorApi = chance(0.3);
    Set<String> constants = new HashSet<>();
    constants.add(Names.constant(net.inputName));
    int count = between(1, 6);
    Shape shape = new Shape(net.channels, net.height, net.width, false);
    String prev = net.inputName;
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      String layerName = layerName(i, prev, constants);
      LayerSpec l = layer(layerName, prev, shape, last);
      l.output = last;
      shape = NetSpec.output(l, shape);
      net.layers.add(l);
      prev = layerName;
    }
    net.loss = loss(net.last(), shape);
    return net;
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
      Kind kind = in.vector() ? (chance(0.7) ? Kind.DENSE : Kind.ACTIVATE) : pick(Kind.values());
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
        default -> throw new IllegalStateException();
      }
      activation(l, last);
      if (kind == Kind.ACTIVATE && l.act == Act.IDENTITY && chance(0.5)) {
        l.act = Act.TANH;
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
    if (l.kind == Kind.MAX || l.kind == Kind.AVG || l.kind == Kind.L2) {
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
    if (out.act == Act.SOFTMAX) {
      return chance(0.6) ? "categorical-cross-entropy" : "mse";
    }
    return pick(new String[] {"softmax-cross-entropy", "mse", "binary-cross-entropy-with-logits", "l1"});
  }

  /** Names of every parameter tensor of {@code net}, in declaration order. */
  static List<String> parameterNames(NetSpec net) {
    List<String> names = new ArrayList<>();
    for (LayerSpec l : net.layers) {
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
