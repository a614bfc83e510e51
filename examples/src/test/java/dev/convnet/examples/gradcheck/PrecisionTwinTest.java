package dev.convnet.examples.gradcheck;

import static dev.convnet.examples.accuracy.ErrorTable.widen;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.accuracy.ErrorTable;
import dev.convnet.examples.nets.GradAddNet;
import dev.convnet.examples.nets.GradAddNet64;
import dev.convnet.examples.nets.GradBatchNormNet;
import dev.convnet.examples.nets.GradBatchNormNet64;
import dev.convnet.examples.nets.GradBlockedConvNet;
import dev.convnet.examples.nets.GradBlockedConvNet64;
import dev.convnet.examples.nets.GradBlocksNet;
import dev.convnet.examples.nets.GradBlocksNet64;
import dev.convnet.examples.nets.GradConcatNet;
import dev.convnet.examples.nets.GradConcatNet64;
import dev.convnet.examples.nets.GradDropoutNet;
import dev.convnet.examples.nets.GradDropoutNet64;
import dev.convnet.examples.nets.GradFrozenNet;
import dev.convnet.examples.nets.GradFrozenNet64;
import dev.convnet.examples.nets.GradGroupsNet;
import dev.convnet.examples.nets.GradGroupsNet64;
import dev.convnet.examples.nets.GradLrnNet;
import dev.convnet.examples.nets.GradLrnNet64;
import dev.convnet.examples.nets.GradRbfFixedNet;
import dev.convnet.examples.nets.GradRbfFixedNet64;
import dev.convnet.examples.nets.GradRbfNet;
import dev.convnet.examples.nets.GradRbfNet64;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float class and its float64 twin agree on the gradient-check networks: outputs, input gradients and each
 * parameter tensor's gradient for the same random parameters and batch, in training mode (batch statistics, the same
 * dropout masks) and in inference mode after a few training passes (running statistics). Limits: about ten times
 * the worst relative error measured. The build runs this test with the Vector API readable (GradBlockedConv's float
 * class then takes the blocked kernels) and again without it (its plain kernels).
 */
class PrecisionTwinTest {
  /** Worst measured 3.5e-7 (GradLrn, training). */
  private static final double OUTPUT_LIMIT = 4e-6;
  /** Worst measured 5.2e-6 (GradBatchNorm, training: normalizing by the statistics of three samples). */
  private static final double INPUT_GRADIENT_LIMIT = 6e-5;
  /** Worst measured 6.2e-6 (GradBatchNorm, training, bn1.weight); most tensors below 1e-6. */
  private static final double PARAMETER_GRADIENT_LIMIT = 7e-5;
  private static final int BATCH = 3;

  /**
   * GradBlockedConv's limits are this many times the others': its sums run over up to 576 products (16 to 64 maps,
   * 3×3 and 5×5 windows) where the other networks' run over a few dozen. Worst measured there, plain kernels (the
   * build's plain-fallback run): output 4.3e-6, input gradient 6.0e-5, parameter gradient 7.0e-5 (the biases);
   * blocked kernels: below the common limits.
   */
  private static final double LARGE_SUMS = 10;

  private record Twin(Supplier<CompiledNetwork> single, Function<double[], CompiledNetwork64> twin, double scale) {
    Twin(Supplier<CompiledNetwork> single, Function<double[], CompiledNetwork64> twin) {
      this(single, twin, 1);
    }
  }

  static Stream<Arguments> twins() {
    return Stream.of(
        Arguments.of("GradAdd", new Twin(GradAddNet::new, GradAddNet64::new)),
        Arguments.of("GradConcat", new Twin(GradConcatNet::new, GradConcatNet64::new)),
        Arguments.of("GradBatchNorm", new Twin(GradBatchNormNet::new, GradBatchNormNet64::new)),
        Arguments.of("GradDropout", new Twin(GradDropoutNet::new, GradDropoutNet64::new)),
        Arguments.of("GradLrn", new Twin(GradLrnNet::new, GradLrnNet64::new)),
        Arguments.of("GradGroups", new Twin(GradGroupsNet::new, GradGroupsNet64::new)),
        Arguments.of("GradFrozen", new Twin(GradFrozenNet::new, GradFrozenNet64::new)),
        Arguments.of("GradRbf", new Twin(GradRbfNet::new, GradRbfNet64::new)),
        Arguments.of("GradRbfFixed", new Twin(GradRbfFixedNet::new, GradRbfFixedNet64::new)),
        Arguments.of("GradBlocks", new Twin(GradBlocksNet::new, GradBlocksNet64::new)),
        Arguments.of("GradBlockedConv", new Twin(GradBlockedConvNet::new, GradBlockedConvNet64::new, LARGE_SUMS)),
        Arguments.of("LeNet5", new Twin(dev.convnet.examples.LeNet5Net::new, dev.convnet.examples.LeNet5Net64::new)));
  }

  @ParameterizedTest(name = "{0} in training mode")
  @MethodSource("twins")
  void agreeInTrainingMode(String name, Twin pair) {
    compare(pair, 0);
  }

  @ParameterizedTest(name = "{0} in inference mode after training passes")
  @MethodSource("twins")
  void agreeInInferenceMode(String name, Twin pair) {
    compare(pair, 3);
  }

  private static void compare(Twin pair, int trainingPasses) {
    CompiledNetwork single = pair.single().get();
    SplittableRandom random = new SplittableRandom(17);
    float[] p = single.parameters().data();
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) random.nextDouble(-1, 1);
    }
    CompiledNetwork64 twin = pair.twin().apply(widen(p));
    for (int pass = 0; pass < trainingPasses; pass++) {
      float[] x = values(random, BATCH * single.inputSize(), 2);
      single.forward(x, BATCH);
      twin.forward(widen(x), BATCH);
    }
    if (trainingPasses > 0) {
      single.setTraining(false);
      twin.setTraining(false);
    }
    float[] x = values(random, BATCH * single.inputSize(), 1);
    float[] r = values(random, BATCH * single.outputSize(), 1);
    String what = single.name() + (trainingPasses > 0 ? " (inference)" : " (training)");
    ErrorTable errors = new ErrorTable();
    errors.check(what + " output", single.forward(x, BATCH), nonZero(twin.forward(widen(x), BATCH),
        BATCH * single.outputSize()), OUTPUT_LIMIT * pair.scale());
    errors.check(what + " input gradient", single.backward(r), nonZero(twin.backward(widen(r)), x.length),
        INPUT_GRADIENT_LIMIT * pair.scale());
    for (ParamSlot slot : single.layout().slots()) {
      errors.check(what + " gradient of " + slot.name(), Parameters.exportFrom(slot, single.gradients()),
          nonZero(Parameters.exportFrom(slot, twin.gradients()), slot.denseLength()),
          PARAMETER_GRADIENT_LIMIT * pair.scale());
    }
    errors.assertWithinLimits();
  }

  /** The first {@code n} values, checked not to be all zeros (which would make the comparison vacuous). */
  private static double[] nonZero(double[] v, int n) {
    double[] first = Arrays.copyOf(v, n);
    assertTrue(Arrays.stream(first).anyMatch(d -> d != 0), "the float64 values are all zeros");
    return first;
  }

  private static float[] values(SplittableRandom random, int n, double bound) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-bound, bound);
    }
    return v;
  }
}
