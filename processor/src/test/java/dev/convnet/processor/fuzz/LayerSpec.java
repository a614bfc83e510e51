package dev.convnet.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a fuzzed network declaration, as plain mutable data: every option any layer kind has, of which each
 * kind uses its own. Rendered into Java source by {@link NetSpec}; interpreted by {@link Reference}.
 */
final class LayerSpec {
  enum Kind { CONV, TRANSPOSED, MAX, AVG, L2, SUBSAMPLING, DENSE, ACTIVATE }

  enum Pad { VALID, SAME, FULL, EXPLICIT }

  enum Act { IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, LECUN_TANH, SOFTMAX }

  Kind kind;
  String name;
  /** Name of the layer read from. */
  String from;
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
    return c;
  }

  boolean hasParameters() {
    return kind == Kind.CONV || kind == Kind.TRANSPOSED || kind == Kind.SUBSAMPLING || kind == Kind.DENSE;
  }

  boolean hasBias() {
    return kind == Kind.SUBSAMPLING || (hasParameters() && bias);
  }

  boolean windowed() {
    return kind != Kind.DENSE && kind != Kind.ACTIVATE;
  }

  private String dim(int a, int b) {
    return a == b && !longForm ? Integer.toString(a) : "{" + a + ", " + b + "}";
  }

  /** The annotations of this layer, e.g. {@code @Output @Conv(filters = 2, kernel = 3)}. */
  String annotations() {
    List<String> attrs = new ArrayList<>();
    String annotation;
    switch (kind) {
      case CONV -> {
        annotation = "Conv";
        attrs.add("filters = " + filters);
        attrs.add("kernel = " + dim(kh, kw));
        if (sh != 1 || sw != 1 || strideWritten) {
          attrs.add("stride = " + dim(sh, sw));
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
          List<String> rows = new ArrayList<>();
          for (String r : table) {
            rows.add('"' + r + '"');
          }
          attrs.add("table = {" + String.join(", ", rows) + "}");
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
        if (strideWritten) {
          attrs.add("stride = " + dim(sh, sw));
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
      default -> throw new IllegalStateException();
    }
    if (kind != Kind.ACTIVATE && kind != Kind.MAX && kind != Kind.AVG && kind != Kind.L2
        && (act != Act.IDENTITY || longForm)) {
      attrs.add("activation = Activation." + act);
    }
    if (act == Act.LEAKY_RELU || slopeWritten) {
      if (kind != Kind.MAX && kind != Kind.AVG && kind != Kind.L2) {
        attrs.add("slope = " + slope);
      }
    }
    return (output ? "@Output " : "") + "@" + annotation + "(" + String.join(", ", attrs) + ")";
  }
}
