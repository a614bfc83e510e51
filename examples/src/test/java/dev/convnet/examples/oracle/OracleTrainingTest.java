package dev.convnet.examples.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.convnet.examples.accuracy.ErrorTable;
import dev.convnet.examples.nets.ResNetBlockNet64;
import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.ParamSlot;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training against PyTorch, in both precisions: the loss, each parameter tensor's gradient and the input gradient
 * of one pass, every optimizer step sequence of the oracle (the loss before each step, each tensor after the last
 * step), and batch norm's running statistics. The float32 classes use float targets and the runtime's optimizers;
 * the float64 twins take the targets in float64 and step with {@link ReferenceOptimizer64}. Limits:
 * {@link OracleLimits}.
 */
class OracleTrainingTest {
  static Stream<Arguments> casesInBothPrecisions() {
    return OracleNetworks.cases().flatMap(c -> Stream.of(Arguments.of(c, "float32"), Arguments.of(c, "float64")));
  }

  static Stream<Arguments> stepCasesInBothPrecisions() {
    return OracleNetworks.casesWithSteps()
        .flatMap(c -> Stream.of(Arguments.of(c, "float32"), Arguments.of(c, "float64")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("casesInBothPrecisions")
  void lossAndEachGradientMatchPyTorch(String name, String precision) {
    Oracle o = Oracle.load(name);
    OracleTrainee net = OracleTrainee.of(o, precision.equals("float64"));
    OracleLimits limits = OracleLimits.of(precision.equals("float64"));
    assertEquals(o.grads.keySet(), net.layout().slots().stream().map(ParamSlot::name).collect(Collectors.toSet()),
        "the network's parameter tensors are the oracle's");
    ErrorTable errors = new ErrorTable();
    String what = name + " " + precision;
    errors.check(what + " loss", net.forwardLossBackward(), o.loss, limits.loss());
    for (Map.Entry<String, Oracle.Tensor> g : o.grads.entrySet()) {
      errors.check(what + " gradient of " + g.getKey(), net.gradient(g.getKey()), g.getValue().data(),
          limits.parameterGradient());
    }
    errors.check(what + " input gradient", net.inputGradient(), o.inputGrad.data(), limits.inputGradient());
    errors.assertWithinLimits();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stepCasesInBothPrecisions")
  void everyOptimizerStepSequenceMatchesPyTorch(String name, String precision) {
    Oracle o = Oracle.load(name);
    assertFalse(o.steps.isEmpty());
    boolean float64 = precision.equals("float64");
    OracleLimits limits = OracleLimits.of(float64);
    ErrorTable errors = new ErrorTable();
    for (Oracle.Steps s : o.steps) {
      OracleTrainee net = OracleTrainee.of(o, float64);
      net.useOptimizer(s);
      String what = name + " " + precision + " " + s.optimizer();
      double worstLoss = 0;
      for (int i = 0; i < s.steps(); i++) {
        double want = s.lossesBefore()[i];
        double err = Math.abs(net.forwardLossBackward() - want) / Math.abs(want);
        worstLoss = err > worstLoss || Double.isNaN(err) ? err : worstLoss;
        net.step();
      }
      errors.check(what + " loss before each of " + s.steps() + " steps", worstLoss, limits.stepLoss());
      for (Map.Entry<String, Oracle.Tensor> p : s.paramsAfter().entrySet()) {
        errors.check(what + " " + p.getKey() + " after the steps", net.parameter(p.getKey()), p.getValue().data(),
            limits.stepParameters());
      }
    }
    errors.assertWithinLimits();
  }

  @Test
  void batchNormRunningStatisticsMatchPyTorch() {
    Oracle o = Oracle.load("resnet_block");
    assertFalse(o.buffers.isEmpty());
    CompiledNetwork net = OracleNetworks.float32(o);
    assertEquals(o.buffers.keySet(), net.layout().buffers().stream().map(BufferSlot::name)
        .collect(Collectors.toSet()));
    ResNetBlockNet64 twin = (ResNetBlockNet64) OracleNetworks.float64(o);
    net.forward(o.input.floats(), o.batch());
    twin.forward(o.input.data(), o.batch());
    ErrorTable errors = new ErrorTable();
    for (Map.Entry<String, Oracle.Tensor> b : o.buffers.entrySet()) {
      errors.check("resnet_block float32 " + b.getKey(), net.parameters().getBuffer(b.getKey()),
          b.getValue().data(), OracleLimits.FLOAT32.runningStatistics());
      BufferSlot s = twin.layout().buffer(b.getKey());
      errors.check("resnet_block float64 " + b.getKey(),
          Arrays.copyOfRange(twin.buffers(), s.offset(), s.offset() + s.length()), b.getValue().data(),
          OracleLimits.FLOAT64.runningStatistics());
    }
    errors.assertWithinLimits();
    // A worker shares the buffers but never updates them; inference mode leaves them alone too.
    float[] before = net.parameters().buffers().clone();
    net.newWorker().forward(o.input.floats(), o.batch());
    net.setTraining(false);
    net.forward(o.input.floats(), o.batch());
    assertArrayEquals(before, net.parameters().buffers());
  }
}
