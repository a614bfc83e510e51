package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Messages;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.LayerNode;
import java.util.List;

/** Checks each layer's options on their own, before shapes: sizes positive, paddings sane, softmax placement. */
final class OptionCheck {
  private final LayerNode node;
  private final List<Diagnostic> out;

  private OptionCheck(LayerNode node, List<Diagnostic> out) {
    this.node = node;
    this.out = out;
  }

  /** Returns whether the layer's options are usable (no error was added). */
  static boolean check(LayerNode node, List<Diagnostic> out) {
    int before = out.size();
    new OptionCheck(node, out).run();
    for (int i = before; i < out.size(); i++) {
      if (out.get(i).isError()) {
        return false;
      }
    }
    return true;
  }

  private void run() {
    Layer layer = node.layer();
    if (layer instanceof Layer.Input i) {
      positive("channels", i.channels());
      positive("height", i.height());
      positive("width", i.width());
    } else if (layer instanceof Layer.Conv c) {
      positive("filters", c.filters());
      positive("kernel", c.kernel());
      positive("stride", c.stride());
      positive("dilation", c.dilation());
      notNegative("pad", c.pad());
      if (c.padMode() == Layer.PadMode.SAME && c.kernel().h() > 0 && c.kernel().w() > 0 && c.dilation().h() > 0
          && c.dilation().w() > 0) {
        if (c.stride().h() != 1 || c.stride().w() != 1) {
          out.add(Messages.sameWithStride(node.name(), c.stride().toString()));
        } else {
          int spanH = c.dilation().h() * (c.kernel().h() - 1) + 1;
          int spanW = c.dilation().w() * (c.kernel().w() - 1) + 1;
          if (spanH % 2 == 0 || spanW % 2 == 0) {
            out.add(Messages.samePaddingEven(node.name(), c.kernel().box(), spanH + "×" + spanW));
          }
        }
      }
      activation("activation", c.act());
      positive("groups", c.groups());
      if (c.groups() > 1 && c.hasTable()) {
        out.add(Messages.optionRange(node.name(), "Conv", "groups", Integer.toString(c.groups()),
            "1 with a connection table (a table already says which maps connect); drop one of them"));
      }
      if (c.frozen() && c.bias()) {
        out.add(Messages.optionRange(node.name(), "Conv", "bias", "true",
            "false for fixed kernels (weights = {...} freezes the layer, and a frozen layer has no bias)"));
      }
      for (double w : c.weights()) {
        if (!Double.isFinite(w)) {
          out.add(Messages.optionRange(node.name(), "Conv", "weights", Double.toString(w), "finite"));
          break;
        }
      }
    } else if (layer instanceof Layer.TransposedConv t) {
      positive("filters", t.filters());
      positive("kernel", t.kernel());
      positive("stride", t.stride());
      positive("dilation", t.dilation());
      notNegative("pad", t.pad());
      notNegative("outputPad", t.outputPad());
      Dim op = t.outputPad();
      if (op.h() >= Math.max(t.stride().h(), t.dilation().h()) || op.w() >= Math.max(t.stride().w(),
          t.dilation().w())) {
        out.add(Messages.outputPadTooLarge(node.name(), op.toString(), t.stride().toString(),
            t.dilation().toString()));
      }
      activation("activation", t.act());
    } else if (layer instanceof Layer.Pool p) {
      positive("window", p.window());
      positive("stride", p.stride());
      notNegative("pad", p.pad());
      if (p.pad().h() * 2 > p.window().h() || p.pad().w() * 2 > p.window().w()) {
        out.add(Messages.poolPadTooLarge(node.name(), layer.annotation(), p.pad().toString(), p.window().box()));
      }
    } else if (layer instanceof Layer.Subsampling s) {
      positive("window", s.window());
      positive("stride", s.stride());
      activation("activation", s.act());
    } else if (layer instanceof Layer.Dense d) {
      positive("units", d.units());
      activation("activation", d.act());
    } else if (layer instanceof Layer.Activation a) {
      activation("value", a.act());
    } else if (layer instanceof Layer.Add a) {
      activation("activation", a.act());
    } else if (layer instanceof Layer.BatchNorm b) {
      range("eps", b.eps(), b.eps() > 0, "positive (PyTorch's default is 1e-5)");
      range("momentum", b.momentum(), b.momentum() >= 0 && b.momentum() <= 1, "between 0 and 1 (default 0.1)");
      activation("activation", b.act());
    } else if (layer instanceof Layer.Dropout d) {
      range("rate", d.rate(), d.rate() >= 0 && d.rate() < 1, "at least 0 and below 1 (the probability of"
          + " zeroing a value)");
    } else if (layer instanceof Layer.Lrn l) {
      positive("size", l.size());
      range("alpha", l.alpha(), l.alpha() >= 0, "zero or positive");
      range("beta", l.beta(), l.beta() >= 0, "zero or positive");
      range("k", l.k(), l.k() > 0, "positive (AlexNet uses 2)");
    } else if (layer instanceof Layer.Rbf r) {
      positive("units", r.units());
    }
  }

  private void range(String attribute, double value, boolean ok, String expected) {
    if (!ok || Double.isNaN(value)) {
      out.add(Messages.optionRange(node.name(), node.layer().annotation(), attribute, Double.toString(value),
          expected));
    }
  }

  private void positive(String attribute, int value) {
    if (value <= 0) {
      out.add(Messages.notPositive(node.name(), node.layer().annotation(), attribute, Integer.toString(value),
          "positive"));
    }
  }

  private void positive(String attribute, Dim value) {
    if (value.h() <= 0 || value.w() <= 0) {
      out.add(Messages.notPositive(node.name(), node.layer().annotation(), attribute, value.toString(), "positive"));
    }
  }

  private void notNegative(String attribute, Dim value) {
    if (value.h() < 0 || value.w() < 0) {
      out.add(Messages.notPositive(node.name(), node.layer().annotation(), attribute, value.toString(),
          "zero or positive"));
    }
  }

  private void activation(String attribute, Act act) {
    if (act.kind() == Act.Kind.SOFTMAX && !node.output()) {
      out.add(Messages.softmaxNotOutput(node.name(), node.layer().annotation(), attribute));
    }
    if (act.kind() == Act.Kind.LEAKY_RELU && (act.slope() < 0 || act.slope() >= 1 || Double.isNaN(act.slope()))) {
      out.add(Messages.negativeSlope(node.name(), node.layer().annotation(), act.slope()));
    }
  }
}
