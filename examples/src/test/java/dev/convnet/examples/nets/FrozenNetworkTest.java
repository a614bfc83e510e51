package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.ResNet20Net;
import dev.convnet.runtime.CompiledNetwork;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledNetwork#frozen()}: an inference-only copy with its own parameters, which packs its blocked layers'
 * weights once instead of comparing them every pass. It must compute bit for bit what its source computes in
 * inference mode, pass after pass; never see later changes to the source; refuse to train or hand out its parameters;
 * and give frozen workers. Run with the blocked kernels and again on the plain path ({@code plain-fallback}).
 */
class FrozenNetworkTest {
  private static final int BATCH = 3;

  private static float[] input(CompiledNetwork net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[BATCH * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    return x;
  }

  private static float[] inference(CompiledNetwork net, float[] x) {
    return Arrays.copyOf(net.forward(x, BATCH), BATCH * net.outputSize());
  }

  /** A ResNet-20 whose batch norms have running statistics of their own: a few training passes. */
  private static ResNet20Net trainedResNet20() {
    ResNet20Net net = new ResNet20Net();
    for (long seed = 1; seed <= 3; seed++) {
      net.forward(input(net, seed), BATCH);
    }
    net.setTraining(false);
    return net;
  }

  @Test
  void computesWhatItsSourceComputesInInferenceModePassAfterPass() {
    for (CompiledNetwork net : new CompiledNetwork[] {trainedResNet20(), new GradBlockedConvNet()}) {
      net.setTraining(false);
      CompiledNetwork frozen = net.frozen();
      for (long seed = 10; seed < 13; seed++) {
        float[] x = input(net, seed);
        assertArrayEquals(inference(net, x), inference(frozen, x), net.name() + ", input " + seed);
      }
    }
  }

  @Test
  void laterChangesToItsSourceDoNotReachIt() {
    ResNet20Net net = trainedResNet20();
    CompiledNetwork frozen = net.frozen();
    float[] x = input(net, 20);
    float[] before = inference(net, x);
    assertArrayEquals(before, inference(frozen, x));
    float[] p = net.parameters().data();
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1.5f;
    }
    float[] buffers = net.parameters().buffers();
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] += 0.25f;
    }
    float[] changed = inference(net, x);
    assertFalse(Arrays.equals(before, changed), "the source's output moved");
    assertArrayEquals(before, inference(frozen, x), "the frozen copy's did not");
    assertArrayEquals(changed, inference(net.frozen(), x), "a copy frozen again follows the change");
  }

  @Test
  void refusesToTrainOrToHandOutItsParameters() {
    CompiledNetwork frozen = new GradBlockedConvNet().frozen();
    float[] x = input(frozen, 30);
    frozen.forward(x, BATCH);
    frozen.setTraining(false);
    String message = assertThrows(IllegalStateException.class, () -> frozen.setTraining(true)).getMessage();
    assertTrue(message.contains("frozen copy") && message.contains("cannot train"), message);
    assertThrows(IllegalStateException.class, () -> frozen.backward(new float[BATCH * frozen.outputSize()]));
    assertThrows(IllegalStateException.class,
        () -> frozen.backwardParameters(new float[BATCH * frozen.outputSize()]));
    assertThrows(IllegalStateException.class, frozen::parameters);
    assertThrows(IllegalStateException.class, frozen::gradients);
    assertArrayEquals(inference(new GradBlockedConvNet().frozen(), x), inference(frozen, x), "still serving");
  }

  @Test
  void itsWorkersAreFrozenAndServeConcurrently() throws Exception {
    ResNet20Net net = trainedResNet20();
    CompiledNetwork frozen = net.frozen();
    CompiledNetwork a = frozen.newWorker();
    CompiledNetwork b = frozen.newWorker();
    assertThrows(IllegalStateException.class, () -> a.setTraining(true));
    assertThrows(IllegalStateException.class, a::parameters);
    float[] x = input(net, 40);
    float[] y = inference(net, x);
    CompletableFuture<float[]> first = CompletableFuture.supplyAsync(() -> {
      float[] last = null;
      for (int i = 0; i < 5; i++) {
        last = inference(a, x);
      }
      return last;
    });
    CompletableFuture<float[]> second = CompletableFuture.supplyAsync(() -> {
      float[] last = null;
      for (int i = 0; i < 5; i++) {
        last = inference(b, x);
      }
      return last;
    });
    assertArrayEquals(y, first.get());
    assertArrayEquals(y, second.get());
  }
}
