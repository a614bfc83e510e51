package dev.convnet.processor.kind;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.LayerNode;
import java.util.List;

/** What a kind's option checks report to, with the checks every kind shares (sizes, activations). */
public final class OptionChecks {
  private final LayerNode node;
  private final List<Diagnostic> out;

  public OptionChecks(LayerNode node, List<Diagnostic> out) {
    this.node = node;
    this.out = out;
  }

  /** The layer's name. */
  public String layer() {
    return node.name();
  }

  /** Reports {@code message} on the attribute {@code attribute} (null: on the layer). */
  public void report(Message message, String attribute, Object... args) {
    out.add(message.at(attribute == null ? Location.layer(node.name()) : Location.attribute(node.name(), attribute),
        args));
  }

  public void positive(String attribute, int value) {
    if (value <= 0) {
      report(Message.NOT_POSITIVE, attribute, node.name(), node.layer().annotation(), attribute, value);
    }
  }

  public void positive(String attribute, Dim value) {
    if (value.h() <= 0 || value.w() <= 0) {
      report(Message.NOT_POSITIVE, attribute, node.name(), node.layer().annotation(), attribute, value);
    }
  }

  public void notNegative(String attribute, Dim value) {
    if (value.h() < 0 || value.w() < 0) {
      report(Message.NEGATIVE, attribute, node.name(), node.layer().annotation(), attribute, value);
    }
  }

  /** Reports {@code message} (with the layer's name and the value) unless {@code ok} holds for a number. */
  public void range(Message message, String attribute, double value, boolean ok) {
    if (!ok || Double.isNaN(value)) {
      report(message, attribute, node.name(), value);
    }
  }

  /** A softmax only on the output; a leaky ReLU's slope in [0, 1). */
  public void activation(String attribute, Act act) {
    if (act.kind() == Act.Kind.SOFTMAX && !node.output()) {
      report(Message.SOFTMAX_NOT_OUTPUT, attribute, node.name(), node.layer().annotation());
    }
    if (act.kind() == Act.Kind.LEAKY_RELU && (act.slope() < 0 || act.slope() >= 1 || Double.isNaN(act.slope()))) {
      report(Message.LEAKY_SLOPE, "slope", node.name(), node.layer().annotation(), act.slope());
    }
  }
}
