package dev.convnet.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a fuzzed network declaration, as plain mutable data: every option any layer kind has, of which each
 * kind uses its own. Rendered into Java source by {@link NetSpec}; interpreted by {@link Reference}.
 */
final class LayerSpec {
  enum Kind { CONV, TRANSPOSED, MAX, AVG, L2, SUBSAMPLING, DENSE, ACTIVATE, ADD, CONCAT, BATCHNORM, DROPOUT, LRN, GAP,
    RBF, BLOCK }

  enum Pad { VALID, SAME, FULL, EXPLICIT }

  enum Act { IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, LECUN_TANH, SOFTMAX }

  Kind kind;
  String name;
  /** Name of the layer read from (the first, for layers reading several). */
  String from;
  /** The further layers read (Add, Concat, a block use with several inputs), after {@link #from}. */
  List<String> more = new ArrayList<>();
  boolean output;
  int filters = 1;
  int units = 1;
  int kh = 1;
  int kw = 1;
  int sh = 1;
  int sw = 1;
  /** Whether the stride is written out (pools and subsampling default it to the window). */
  boolean strideWritten = true;
  Pad pad = Pad.VALID;
  int ph;
  int pw;
  int dh = 1;
  int dw = 1;
  int oph;
  int opw;
  boolean bias = true;
  Act act = Act.IDENTITY;
  double slope = 0.01;
  boolean slopeWritten;
  boolean ceil;
  /** Connection table rows (one per input map), or null. */
  String[] table;
  /** Writes one-number sizes as {@code {a, b}} instead of {@code a}. */
  boolean longForm;
  /** Grouped convolution. */
  int groups = 1;
  /** Fixed kernels of a frozen convolution as declared ([filters, in/groups, kh, kw] or one kh × kw kernel); or null. */
  double[] weights;
  /** Batch norm. */
  double eps = 1e-5;
  double momentum = 0.1;
  boolean affine = true;
  /** Dropout. */
  double rate = 0.5;
  long seed = 1;
  /** Local response normalization. */
  int lrnSize = 5;
  double alpha = 1e-4;
  double beta = 0.75;
  double k = 2.0;
  /** Fixed RBF prototypes (one X/. string per unit), or null for trainable ones. */
  String[] prototypes;
  /** A block use: the block, the use's width and stride. */
  BlockSpec block;
  int width = 1;
  int blockStride = 1;
  /** Inside a block: the stride is written {@code Block.STRIDE} (the use's stride). */
  boolean strideFromBlock;
  /** Inside a block: the filters are written {@code Block.W<n>} (the use's n-th width); 0 when written as a count. */
  int widthIndex;
  /** A block use's {@code widths}, or empty. */
  List<Integer> widths = new ArrayList<>();

  LayerSpec(Kind kind, String name, String from) {
    this.kind = kind;
    this.name = name;
    this.from = from;
  }

  LayerSpec copy() {
    LayerSpec c = new LayerSpec(kind, name, from);
    c.output = output;
    c.filters = filters;
    c.units = units;
    c.kh = kh;
    c.kw = kw;
    c.sh = sh;
    c.sw = sw;
    c.strideWritten = strideWritten;
    c.pad = pad;
    c.ph = ph;
    c.pw = pw;
    c.dh = dh;
    c.dw = dw;
    c.oph = oph;
    c.opw = opw;
    c.bias = bias;
    c.act = act;
    c.slope = slope;
    c.slopeWritten = slopeWritten;
    c.ceil = ceil;
    c.table = table == null ? null : table.clone();
    c.longForm = longForm;
    c.more = new ArrayList<>(more);
    c.groups = groups;
    c.weights = weights == null ? null : weights.clone();
    c.eps = eps;
    c.momentum = momentum;
    c.affine = affine;
    c.rate = rate;
    c.seed = seed;
    c.lrnSize = lrnSize;
    c.alpha = alpha;
    c.beta = beta;
    c.k = k;
    c.prototypes = prototypes == null ? null : prototypes.clone();
    c.block = block;
    c.width = width;
    c.blockStride = blockStride;
    c.strideFromBlock = strideFromBlock;
    c.widthIndex = widthIndex;
    c.widths = new ArrayList<>(widths);
    return c;
  }

  /** Every layer this one reads, in parameter order. */
  List<String> inputs() {
    List<String> all = new ArrayList<>();
    all.add(from);
    all.addAll(more);
    return all;
  }

  /** Whether the kind takes an activation option. */
  boolean hasActivation() {
    return switch (kind) {
      case CONV, TRANSPOSED, SUBSAMPLING, DENSE, ACTIVATE, ADD, BATCHNORM -> true;
      default -> false;
    };
  }

  boolean frozen() {
    return weights != null;
  }

  boolean hasParameters() {
    return (kind == Kind.CONV && !frozen()) || kind == Kind.TRANSPOSED || kind == Kind.SUBSAMPLING
        || kind == Kind.DENSE || (kind == Kind.BATCHNORM && affine) || (kind == Kind.RBF && prototypes == null);
  }

  boolean hasBias() {
    return kind == Kind.SUBSAMPLING || (kind == Kind.BATCHNORM && affine)
        || ((kind == Kind.CONV || kind == Kind.TRANSPOSED || kind == Kind.DENSE) && hasParameters() && bias);
  }

  boolean windowed() {
    return switch (kind) {
      case CONV, TRANSPOSED, MAX, AVG, L2, SUBSAMPLING -> true;
      default -> false;
    };
  }

  private static String strings(String[] values) {
    List<String> quoted = new ArrayList<>();
    for (String r : values) {
      quoted.add('"' + r + '"');
    }
    return "{" + String.join(", ", quoted) + "}";
  }

  private static String doubles(double[] values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(Double.toString(v));
    }
    return "{" + String.join(", ", out) + "}";
  }

  private String stride() {
    return strideFromBlock ? "Block.STRIDE" : dim(sh, sw);
  }

  private String dim(int a, int b) {
    return a == b && !longForm ? Integer.toString(a) : "{" + a + ", " + b + "}";
  }

  /** The method's parameter list, e.g. {@code (Tensor a, Tensor b)}. */
  String parameters() {
    List<String> ps = new ArrayList<>();
    for (String i : inputs()) {
      ps.add("Tensor " + i);
    }
    return "(" + String.join(", ", ps) + ")";
  }

  /** The annotations of this layer, e.g. {@code @Output @Conv(filters = 2, kernel = 3)}. */
  String annotations() {
    List<String> attrs = new ArrayList<>();
    String annotation;
    switch (kind) {
      case CONV -> {
        annotation = "Conv";
        attrs.add("filters = " + (widthIndex > 0 ? "Block.W" + widthIndex : Integer.toString(filters)));
        attrs.add("kernel = " + dim(kh, kw));
        if (sh != 1 || sw != 1 || strideWritten || strideFromBlock) {
          attrs.add("stride = " + stride());
        }
        switch (pad) {
          case EXPLICIT -> attrs.add("pad = " + dim(ph, pw));
          case SAME, FULL -> attrs.add("padding = Padding." + pad);
          case VALID -> {
            if (longForm) {
              attrs.add("padding = Padding.VALID");
            }
          }
        }
        if (dh != 1 || dw != 1 || longForm) {
          attrs.add("dilation = " + dim(dh, dw));
        }
        if (!bias) {
          attrs.add("bias = false");
        }
        if (table != null) {
          attrs.add("table = " + strings(table));
        }
        if (groups != 1 || (longForm && table == null)) {
          attrs.add("groups = " + groups);
        }
        if (weights != null) {
          attrs.add("weights = " + doubles(weights));
        }
      }
      case TRANSPOSED -> {
        annotation = "TransposedConv";
        attrs.add("filters = " + filters);
        attrs.add("kernel = " + dim(kh, kw));
        if (sh != 1 || sw != 1 || strideWritten) {
          attrs.add("stride = " + dim(sh, sw));
        }
        if (ph != 0 || pw != 0 || longForm) {
          attrs.add("pad = " + dim(ph, pw));
        }
        if (oph != 0 || opw != 0 || longForm) {
          attrs.add("outputPad = " + dim(oph, opw));
        }
        if (dh != 1 || dw != 1 || longForm) {
          attrs.add("dilation = " + dim(dh, dw));
        }
        if (!bias) {
          attrs.add("bias = false");
        }
      }
      case MAX, AVG, L2 -> {
        annotation = kind == Kind.MAX ? "MaxPool" : kind == Kind.AVG ? "AvgPool" : "L2Pool";
        attrs.add("window = " + dim(kh, kw));
        if (strideWritten || strideFromBlock) {
          attrs.add("stride = " + stride());
        }
        if (ph != 0 || pw != 0 || longForm) {
          attrs.add("pad = " + dim(ph, pw));
        }
        if (ceil) {
          attrs.add("edge = Edge.CEIL");
        } else if (longForm) {
          attrs.add("edge = Edge.FLOOR");
        }
      }
      case SUBSAMPLING -> {
        annotation = "Subsampling";
        attrs.add("window = " + dim(kh, kw));
        if (strideWritten) {
          attrs.add("stride = " + dim(sh, sw));
        }
      }
      case DENSE -> {
        annotation = "Dense";
        attrs.add("units = " + units);
        if (!bias) {
          attrs.add("bias = false");
        }
      }
      case ACTIVATE -> {
        annotation = "Activate";
        attrs.add("value = Activation." + act);
      }
      case ADD -> annotation = "Add";
      case CONCAT -> annotation = "Concat";
      case BATCHNORM -> {
        annotation = "BatchNorm";
        if (eps != 1e-5 || longForm) {
          attrs.add("eps = " + eps);
        }
        if (momentum != 0.1 || longForm) {
          attrs.add("momentum = " + momentum);
        }
        if (!affine || longForm) {
          attrs.add("affine = " + affine);
        }
      }
      case DROPOUT -> {
        annotation = "Dropout";
        if (rate != 0.5 || longForm) {
          attrs.add("rate = " + rate);
        }
        if (seed != 1 || longForm) {
          attrs.add("seed = " + seed + "L");
        }
      }
      case LRN -> {
        annotation = "LocalResponseNorm";
        if (lrnSize != 5 || longForm) {
          attrs.add("size = " + lrnSize);
        }
        if (alpha != 1e-4 || longForm) {
          attrs.add("alpha = " + alpha);
        }
        if (beta != 0.75 || longForm) {
          attrs.add("beta = " + beta);
        }
        if (k != 2.0 || longForm) {
          attrs.add("k = " + k);
        }
      }
      case GAP -> annotation = "GlobalAvgPool";
      case RBF -> {
        annotation = "Rbf";
        attrs.add("units = " + units);
        if (prototypes != null) {
          attrs.add("prototypes = " + strings(prototypes));
        }
      }
      case BLOCK -> {
        annotation = "Block";
        attrs.add((longForm || width != 1 || blockStride != 1 || !widths.isEmpty() ? "value = " : "")
            + block.name + ".class");
        if (!widths.isEmpty()) {
          attrs.add("widths = {" + String.join(", ", widths.stream().map(String::valueOf).toList()) + "}");
        }
        if (width != 1 || longForm) {
          attrs.add("width = " + width);
        }
        if (blockStride != 1 || longForm) {
          attrs.add("stride = " + blockStride);
        }
      }
      default -> throw new IllegalStateException();
    }
    if (kind != Kind.ACTIVATE && hasActivation() && (act != Act.IDENTITY || longForm)) {
      attrs.add("activation = Activation." + act);
    }
    if (act == Act.LEAKY_RELU || slopeWritten) {
      if (hasActivation()) {
        attrs.add("slope = " + slope);
      }
    }
    return (output ? "@Output " : "") + "@" + annotation + "(" + String.join(", ", attrs) + ")";
  }
}
