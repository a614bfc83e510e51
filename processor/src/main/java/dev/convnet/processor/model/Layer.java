package dev.convnet.processor.model;

/**
 * One layer kind of the model, as plain immutable data. Each record holds exactly the options its annotation
 * declares, already normalised (one-number sizes expanded to {@link Dim}s, named padding modes kept as the mode).
 * Shapes are not part of the model; {@code check.ShapeInference} computes them.
 */
public sealed interface Layer {
  /** The annotation's simple name, for messages. */
  String annotation();

  /** The network's input. */
  record Input(int channels, int height, int width) implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "Input";
    }
  }

  /** How a convolution's zero padding was given. */
  enum PadMode { EXPLICIT, VALID, SAME, FULL }

  /**
   * Convolution. {@code table} is the connection table as declared, one string per input map with {@code X} at
   * each output map it feeds; empty when fully connected. {@code pad} is the explicit padding, meaningful when
   * {@code padMode} is {@link PadMode#EXPLICIT}.
   */
  record Conv(int filters, Dim kernel, Dim stride, PadMode padMode, Dim pad, Dim dilation, boolean bias, Act act,
              java.util.List<String> table, int groups, java.util.List<Double> weights) implements Layer {
    public Conv {
      table = java.util.List.copyOf(table);
      weights = java.util.List.copyOf(weights);
    }

    /** An ordinary (ungrouped, trainable) convolution. */
    public Conv(int filters, Dim kernel, Dim stride, PadMode padMode, Dim pad, Dim dilation, boolean bias, Act act,
                java.util.List<String> table) {
      this(filters, kernel, stride, padMode, pad, dilation, bias, act, table, 1, java.util.List.of());
    }

    /** Whether the kernels are fixed in the declaration (never trained). */
    public boolean frozen() {
      return !weights.isEmpty();
    }

    /** The same layer with another filter count and stride (a block's use). */
    public Conv scaled(int newFilters, Dim newStride) {
      return new Conv(newFilters, kernel, newStride, padMode, pad, dilation, bias, act, table, groups, weights);
    }

    public boolean hasTable() {
      return !table.isEmpty();
    }

    /** Whether input map {@code in} feeds output map {@code out} (always, without a table). */
    public boolean connected(int in, int out) {
      return table.isEmpty() || table.get(in).charAt(out) == 'X';
    }


    /** The zero padding per side that the padding mode resolves to. */
    public Dim resolvedPad() {
      return switch (padMode) {
        case EXPLICIT -> pad;
        case VALID -> Dim.of(0);
        case SAME -> new Dim(dilation.h() * (kernel.h() - 1) / 2, dilation.w() * (kernel.w() - 1) / 2);
        case FULL -> new Dim(dilation.h() * (kernel.h() - 1), dilation.w() * (kernel.w() - 1));
      };
    }

    public Act activation() {
      return act;
    }

    public String annotation() {
      return "Conv";
    }
  }

  /** Transposed convolution, weights {@code [in, out, kh, kw]}. */
  record TransposedConv(int filters, Dim kernel, Dim stride, Dim pad, Dim outputPad, Dim dilation, boolean bias,
                        Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "TransposedConv";
    }
  }

  /** The pooling functions. */
  enum PoolKind { MAX, AVG, L2 }

  /** Max, average or L2 pooling; {@code ceil} keeps a leftover edge as one more (padded) window. */
  record Pool(PoolKind kind, Dim window, Dim stride, Dim pad, boolean ceil) implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return switch (kind) {
        case MAX -> "MaxPool";
        case AVG -> "AvgPool";
        case L2 -> "L2Pool";
      };
    }
  }

  /** LeNet's trainable subsampling {@code f(w_k·mean(window) + b_k)}. */
  record Subsampling(Dim window, Dim stride, Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "Subsampling";
    }
  }

  /** Fully connected layer; flattens a feature-map input. */
  record Dense(int units, boolean bias, Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "Dense";
    }
  }

  /** A stand-alone activation. */
  record Activation(Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "Activate";
    }
  }

  /** Element-wise sum of two or more inputs of equal shape, then the activation. */
  record Add(Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "Add";
    }
  }

  /** Channel concatenation of two or more inputs in parameter order. */
  record Concat() implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "Concat";
    }
  }

  /** Batch normalization per channel, with optional scale and shift, then the activation. */
  record BatchNorm(double eps, double momentum, boolean affine, Act act) implements Layer {
    public Act activation() {
      return act;
    }

    public String annotation() {
      return "BatchNorm";
    }
  }

  /** Inverted dropout, seeded. */
  record Dropout(double rate, long seed) implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "Dropout";
    }
  }

  /** Local response normalization across channels (PyTorch semantics). */
  record Lrn(int size, double alpha, double beta, double k) implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "LocalResponseNorm";
    }
  }

  /** Global average pooling: one mean per map. */
  record GlobalAvgPool() implements Layer {
    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "GlobalAvgPool";
    }
  }

  /** Euclidean RBF units; {@code prototypes} fixed (one X/. string per unit) or empty for trainable ones. */
  record Rbf(int units, java.util.List<String> prototypes) implements Layer {
    public Rbf {
      prototypes = java.util.List.copyOf(prototypes);
    }

    public boolean fixed() {
      return !prototypes.isEmpty();
    }

    public Act activation() {
      return Act.IDENTITY;
    }

    public String annotation() {
      return "Rbf";
    }
  }

  /** The activation a layer applies to its result (identity for layers without one). */
  Act activation();

  /** Whether the layer reads two or more inputs (the others read exactly one). */
  default boolean multiInput() {
    return this instanceof Add || this instanceof Concat;
  }
}
