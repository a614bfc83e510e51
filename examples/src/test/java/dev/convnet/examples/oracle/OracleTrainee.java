package dev.convnet.examples.oracle;

import dev.convnet.examples.accuracy.ErrorTable;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.Adagrad;
import dev.convnet.runtime.optim.Adam;
import dev.convnet.runtime.optim.AdamW;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.RmsProp;
import dev.convnet.runtime.optim.Sgd;
import java.util.Map;

/**
 * An oracle case's network in one precision, driven as a training loop drives it: forward on the oracle's batch,
 * the loss against its targets, backward, an optimizer step. Values come back as doubles in PyTorch layout.
 */
abstract class OracleTrainee {
  final Oracle oracle;
  final Loss loss;

  private OracleTrainee(Oracle oracle) {
    this.oracle = oracle;
    this.loss = OracleNetworks.loss(oracle);
  }

  /** The float32 class (float targets, the runtime's optimizers) or the float64 twin (float64 throughout). */
  static OracleTrainee of(Oracle oracle, boolean float64) {
    return float64 ? new Float64(oracle) : new Float32(oracle);
  }

  /** "float32" or "float64". */
  abstract String precision();

  abstract ParameterLayout layout();

  /** Forward, loss and backward on the oracle's batch; returns the loss. */
  abstract double forwardLossBackward();

  /** d(loss)/d(input) of the last {@link #forwardLossBackward}. */
  abstract double[] inputGradient();

  /** A parameter tensor's gradient, in PyTorch layout. */
  abstract double[] gradient(String tensor);

  /** A parameter tensor, in PyTorch layout. */
  abstract double[] parameter(String tensor);

  /** Starts a new optimizer with the oracle's settings. */
  abstract void useOptimizer(Oracle.Steps steps);

  /** One step of the current optimizer from the last gradients. */
  abstract void step();

  private static final class Float32 extends OracleTrainee {
    private final CompiledNetwork net;
    private final Targets targets;
    private final float[] input;
    private final float[] outputGradient;
    private float[] inputGradient;
    private Optimizer optimizer;

    Float32(Oracle o) {
      super(o);
      net = OracleNetworks.float32(o);
      targets = OracleNetworks.float32Targets(o);
      input = o.input.floats();
      outputGradient = new float[o.batch() * net.outputSize()];
    }

    @Override
    String precision() {
      return "float32";
    }

    @Override
    ParameterLayout layout() {
      return net.layout();
    }

    @Override
    double forwardLossBackward() {
      float[] out = net.forward(input, oracle.batch());
      double l = loss.compute(out, oracle.batch(), net.outputSize(), targets, outputGradient);
      inputGradient = net.backward(outputGradient);
      return l;
    }

    @Override
    double[] inputGradient() {
      return ErrorTable.widen(inputGradient);
    }

    @Override
    double[] gradient(String tensor) {
      return Parameters.exportFrom(net.layout().slot(tensor), net.gradients());
    }

    @Override
    double[] parameter(String tensor) {
      return Parameters.exportFrom(net.layout().slot(tensor), net.parameters().data());
    }

    @Override
    void useOptimizer(Oracle.Steps s) {
      Map<String, Double> c = s.settings();
      double lr = c.get("lr");
      optimizer = switch (s.optimizer()) {
        case "sgd" -> new Sgd(lr);
        case "sgd_momentum" -> new Sgd(lr, c.get("momentum"), 0, false, 0);
        case "sgd_nesterov" -> new Sgd(lr, c.get("momentum"), 0, true, 0);
        case "sgd_weight_decay" -> new Sgd(lr, 0, 0, false, c.get("weight_decay"));
        case "adagrad" -> new Adagrad(lr, 0, 0, 0, c.get("eps"));
        case "rmsprop" -> new RmsProp(lr, c.get("alpha"), c.get("eps"), 0, 0, false);
        case "adam" -> new Adam(lr, c.get("beta1"), c.get("beta2"), c.get("eps"), 0, false);
        case "adamw" -> new AdamW(lr, c.get("beta1"), c.get("beta2"), c.get("eps"), c.get("weight_decay"), false);
        default -> throw new IllegalArgumentException(s.optimizer());
      };
    }

    @Override
    void step() {
      optimizer.step(net.parameters().data(), net.gradients());
    }
  }

  private static final class Float64 extends OracleTrainee {
    private final CompiledNetwork64 net;
    private final Targets targets;
    private final double[] outputGradient;
    private double[] inputGradient;
    private ReferenceOptimizer64 optimizer;

    Float64(Oracle o) {
      super(o);
      net = OracleNetworks.float64(o);
      targets = OracleNetworks.float64Targets(o);
      outputGradient = new double[o.batch() * net.outputShape().size()];
    }

    @Override
    String precision() {
      return "float64";
    }

    @Override
    ParameterLayout layout() {
      return net.layout();
    }

    @Override
    double forwardLossBackward() {
      double[] out = net.forward(oracle.input.data(), oracle.batch());
      double l = loss.compute(out, oracle.batch(), net.outputShape().size(), targets, outputGradient);
      inputGradient = net.backward(outputGradient);
      return l;
    }

    @Override
    double[] inputGradient() {
      return inputGradient;
    }

    @Override
    double[] gradient(String tensor) {
      return net.gradient(tensor);
    }

    @Override
    double[] parameter(String tensor) {
      return Parameters.exportFrom(net.layout().slot(tensor), net.parameters());
    }

    @Override
    void useOptimizer(Oracle.Steps s) {
      optimizer = new ReferenceOptimizer64(s);
    }

    @Override
    void step() {
      optimizer.step(net.parameters(), net.gradients());
    }
  }
}
