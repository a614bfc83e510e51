package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.runtime.CompiledNetwork;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training's backward pass ({@code backwardParameters}) skips only the input gradient: its parameter gradients are
 * bit-for-bit those of {@code backward}, and a later {@code backward} still returns the full input gradient.
 */
class BackwardParametersTest {
  static Stream<Supplier<CompiledNetwork>> networks() {
    // conv first (wide rows), strided padded conv first, SAME dilated conv first
    return Stream.of(LeNet5Net::new, ConvZooNet::new, GradModesNet::new);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void sameParameterGradientsWithoutTheInputGradient(Supplier<CompiledNetwork> factory) {
    CompiledNetwork net = factory.get();
    int batch = 3;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[batch * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    float[] dy = new float[batch * net.outputSize()];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = (float) r.nextDouble(-1, 1);
    }
    net.forward(x, 0, batch);
    float[] dx = net.backward(dy).clone();
    float[] full = net.gradients().clone();
    net.forward(x, 0, batch);
    net.backwardParameters(dy);
    assertArrayEquals(full, net.gradients(), "parameter gradients of " + net.name());
    net.forward(x, 0, batch);
    float[] again = net.backward(dy);
    float[] first = java.util.Arrays.copyOf(again, batch * net.inputSize());
    assertArrayEquals(java.util.Arrays.copyOf(dx, batch * net.inputSize()), first,
        "backward after backwardParameters: the input gradient of " + net.name());
    boolean nonZero = false;
    for (float v : first) {
      nonZero |= v != 0;
    }
    assertTrue(nonZero, "the input gradient is computed");
  }
}
