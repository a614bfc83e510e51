package dev.convnet.examples.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.nets.GradAddNet;
import dev.convnet.examples.nets.GradAddNet64;
import dev.convnet.examples.nets.GradBatchNormNet;
import dev.convnet.examples.nets.GradBatchNormNet64;
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
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float class and its float64 twin agree (relative 1e-4) on the issue-6 test networks: outputs, input gradients
 * and parameter gradients for the same random parameters and batch, in training mode (batch statistics, the same
 * dropout masks) and in inference mode after a few training passes (running statistics).
 */
class PrecisionTwinTest {
  private static final double TOLERANCE = 1e-4;
  private static final int BATCH = 3;

  private record Twin(Supplier<CompiledNetwork> single, Function<double[], CompiledNetwork64> twin) {}

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
        Arguments.of("GradBlocks", new Twin(GradBlocksNet::new, GradBlocksNet64::new)));
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
    agree(what + " output", single.forward(x, BATCH), twin.forward(widen(x), BATCH), BATCH * single.outputSize());
    agree(what + " input gradient", single.backward(r), twin.backward(widen(r)), x.length);
    agree(what + " parameter gradient", single.gradients(), twin.gradients(), p.length);
  }

  private static float[] values(SplittableRandom random, int n, double bound) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-bound, bound);
    }
    return v;
  }

  private static double[] widen(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static void agree(String what, float[] single, double[] twin, int n) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < n; i++) {
      double d = single[i] - twin[i];
      diff += d * d;
      norm += twin[i] * twin[i];
    }
    double err = Math.sqrt(diff / norm);
    System.out.printf("float vs float64 %-48s %.2e%n", what, err);
    assertTrue(norm > 0, what + " is all zeros");
    assertTrue(err < TOLERANCE, what + ": float and float64 differ by relative error " + err);
  }
}
