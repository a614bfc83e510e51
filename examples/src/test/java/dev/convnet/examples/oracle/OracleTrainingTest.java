package dev.convnet.examples.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.Adagrad;
import dev.convnet.runtime.optim.Adam;
import dev.convnet.runtime.optim.AdamW;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.RmsProp;
import dev.convnet.runtime.optim.Sgd;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loss, every parameter gradient and the input gradient of the generated float32 networks against PyTorch
 * (relative error below 1e-4), and every optimizer step sequence of the oracle (parameters after the last step
 * below 1e-3).
 */
class OracleTrainingTest {
  private static Loss lossFor(String name) {
    return name.equals("conv_zoo") ? Losses.meanSquaredError() : Losses.softmaxCrossEntropy();
  }

  private static Targets targets(Oracle o) {
    return o.name.equals("conv_zoo") ? Targets.values(o.target.floats(), 0) : Targets.labels(o.target.ints(), 0);
  }

  /** One forward + loss + backward; returns the loss. */
  private static double step(Oracle o, CompiledNetwork net, Loss loss, float[] grad) {
    float[] out = net.forward(o.input.floats(), o.batch());
    double l = loss.compute(out, o.batch(), net.outputSize(), targets(o), grad);
    net.backward(grad);
    return l;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet5_table", "seed001_cnn", "conv_zoo", "resnet_block", "inception_block",
      "alexnet_lrn"})
  void lossAndEveryGradientMatchPyTorch(String name) {
    Oracle o = Oracle.load(name);
    CompiledNetwork net = OracleForwardTest.floatNet(name);
    OracleForwardTest.load(o, net);
    float[] grad = new float[o.batch() * net.outputSize()];
    double loss = step(o, net, lossFor(name), grad);
    double lossErr = Math.abs(loss - o.loss) / Math.abs(o.loss);
    assertTrue(lossErr < 1e-4, name + " loss " + loss + " vs " + o.loss);
    float[] inputGrad = net.backward(grad);
    double worst = 0;
    assertEquals(o.grads.keySet(), Map.copyOf(net.layout().slots().stream()
        .collect(java.util.stream.Collectors.toMap(ParamSlot::name, s -> s))).keySet());
    for (Map.Entry<String, Oracle.Tensor> g : o.grads.entrySet()) {
      double[] got = Parameters.exportFrom(net.layout().slot(g.getKey()), net.gradients());
      double err = Oracle.relativeError(got, g.getValue().data());
      worst = Math.max(worst, err);
      assertTrue(err < 1e-4, name + " gradient of " + g.getKey() + ": relative error " + err);
    }
    double inErr = Oracle.relativeError(inputGrad, o.inputGrad.data());
    assertTrue(inErr < 1e-4, name + " input gradient: relative error " + inErr);
    System.out.printf("%s: loss rel. error %.2g, worst parameter gradient %.2g, input gradient %.2g%n", name,
        lossErr, worst, inErr);
  }

  @org.junit.jupiter.api.Test
  void batchNormRunningStatisticsMatchPyTorch() {
    Oracle o = Oracle.load("resnet_block");
    CompiledNetwork net = OracleForwardTest.floatNet("resnet_block");
    OracleForwardTest.load(o, net);
    net.forward(o.input.floats(), o.batch());
    assertFalse(o.buffers.isEmpty());
    assertEquals(o.buffers.keySet(), net.layout().buffers().stream().map(dev.convnet.runtime.BufferSlot::name)
        .collect(java.util.stream.Collectors.toSet()));
    double worst = 0;
    for (Map.Entry<String, Oracle.Tensor> b : o.buffers.entrySet()) {
      float[] got = net.parameters().getBuffer(b.getKey());
      double err = Oracle.relativeError(got, b.getValue().data());
      worst = Math.max(worst, err);
      assertTrue(err < 1e-4, b.getKey() + ": relative error " + err);
    }
    // A worker shares the buffers but never updates them; inference mode leaves them alone too.
    float[] before = net.parameters().buffers().clone();
    net.newWorker().forward(o.input.floats(), o.batch());
    net.setTraining(false);
    net.forward(o.input.floats(), o.batch());
    assertTrue(java.util.Arrays.equals(before, net.parameters().buffers()));
    // The float64 twin lands within 1e-9.
    dev.convnet.examples.nets.ResNetBlockNet64 twin = new dev.convnet.examples.nets.ResNetBlockNet64();
    OracleForwardTest.load(o, twin);
    twin.forward(o.input.data(), o.batch());
    for (dev.convnet.runtime.BufferSlot s : twin.layout().buffers()) {
      double[] got = java.util.Arrays.copyOfRange(twin.buffers(), s.offset(), s.offset() + s.length());
      double err = Oracle.relativeError(got, o.buffers.get(s.name()).data());
      assertTrue(err < 1e-9, s.name() + " (float64): relative error " + err);
    }
    System.out.printf("resnet_block running statistics: worst relative error %.2g%n", worst);
  }

  private static Optimizer optimizer(Oracle.Steps s) {
    Map<String, Double> c = s.settings();
    double lr = c.get("lr");
    return switch (s.optimizer()) {
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

  @ParameterizedTest
  @ValueSource(strings = {"lenet5_table", "seed001_cnn"})
  void everyOptimizerStepSequenceMatchesPyTorch(String name) {
    Oracle o = Oracle.load(name);
    assertFalse(o.steps.isEmpty());
    for (Oracle.Steps s : o.steps) {
      CompiledNetwork net = OracleForwardTest.floatNet(name);
      OracleForwardTest.load(o, net);
      Optimizer opt = optimizer(s);
      float[] grad = new float[o.batch() * net.outputSize()];
      for (int i = 0; i < s.steps(); i++) {
        double loss = step(o, net, lossFor(name), grad);
        double want = s.lossesBefore()[i];
        assertTrue(Math.abs(loss - want) / Math.abs(want) < 1e-3, name + " " + s.optimizer() + " step " + i
            + ": loss " + loss + " vs " + want);
        opt.step(net.parameters().data(), net.gradients());
      }
      double worst = 0;
      for (Map.Entry<String, Oracle.Tensor> p : s.paramsAfter().entrySet()) {
        double err = Oracle.relativeError(net.parameters().get(p.getKey()), p.getValue().data());
        worst = Math.max(worst, err);
        assertTrue(err < 1e-3, name + " " + s.optimizer() + ": " + p.getKey() + " after " + s.steps()
            + " steps: relative error " + err);
      }
      System.out.printf("%s %s: %d steps, worst parameter relative error %.2g%n", name, s.optimizer(), s.steps(),
          worst);
    }
  }
}
