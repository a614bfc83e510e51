package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.ResNet20Net;
import dev.convnet.runtime.internal.Vectorization;
import java.lang.reflect.Field;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which kernels a generated network runs follows the JVM: its large convolutions get blocked Vector API kernels
 * exactly when {@code jdk.incubator.vector} is readable, else they run their plain code; either way the class loads
 * and computes. Their LeNet-sized layers likewise run their Vector API variant (the inner class {@code VectorVariant})
 * exactly when the module is readable. The build runs this test with the module and again without it ({@code plain-fallback}); the numbers
 * of both paths are compared with the float64 twin by {@code PrecisionTwinTest}, run both ways too.
 */
class VectorPathsTest {
  @Test
  void largeConvolutionsTakeTheBlockedKernelsExactlyWhenTheModuleIsReadable() throws Exception {
    boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(readable, Vectorization.enabled());
    GradBlockedConvNet net = new GradBlockedConvNet();
    for (String layer : new String[] {"stem", "a", "b", "c", "d"}) {
      Field f = GradBlockedConvNet.class.getDeclaredField(layer + "$blocked");
      f.setAccessible(true);
      assertEquals(readable, f.get(net) != null, layer + "'s blocked kernels");
    }
  }

  @Test
  void lenetSizedLayersRunTheirVectorApiVariantExactlyWhenTheModuleIsReadable() throws Exception {
    boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    for (Object net : new Object[] {new LeNet5Net(), new GradBlockedConvNet(), new LeNet5Net().frozen()}) {
      Field f = net.getClass().getDeclaredField("vectorVariant");
      f.setAccessible(true);
      assertEquals(readable, f.get(net) != null, net.getClass().getSimpleName() + "'s Vector API variant");
    }
    float[] x = new float[LeNet5Net.INPUT_SIZE];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    float[] y = new LeNet5Net().forward(x, 1);
    for (int i = 0; i < LeNet5Net.OUT_SIZE; i++) {
      assertTrue(Float.isFinite(y[i]), "output " + i + " is " + y[i]);
    }
  }

  @Test
  void resNet20RunsForwardAndBackward() {
    ResNet20Net net = new ResNet20Net();
    SplittableRandom random = new SplittableRandom(3);
    float[] x = new float[2 * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    float[] y = net.forward(x, 2);
    for (int i = 0; i < 2 * net.outputSize(); i++) {
      assertTrue(Float.isFinite(y[i]), "output " + i + " is " + y[i]);
    }
    float[] dy = new float[2 * net.outputSize()];
    dy[0] = 1;
    dy[net.outputSize() + 1] = -1;
    float[] dx = net.backward(dy);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      assertTrue(Float.isFinite(dx[i]), "input gradient " + i + " is " + dx[i]);
      sum += Math.abs(dx[i]);
    }
    assertTrue(sum > 0, "the input gradient is all zeros");
  }
}
