package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.ResNet20Net;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.internal.Vectorization;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledNetwork#setIntraOpThreads}: each pass of the large layers split across threads computes bit for bit
 * what one thread computes — frozen copies at batch 1 (linked passes, lazy outputs, the stem's chunks, the small
 * maps' chunked pass, the row tiles) and at batch 3, and the network itself in inference and training mode — with
 * no allocation per pass; the threads are the instance's own and stop when set back to 1. On the plain path
 * ({@code plain-fallback}) nothing splits and the results are the same.
 */
class IntraOpThreadsTest {
  private static float[] input(CompiledNetwork net, int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[batch * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    return x;
  }

  /** A ResNet-20 whose batch norms have running statistics of their own: a few training passes. */
  private static ResNet20Net resNet20() {
    ResNet20Net net = new ResNet20Net();
    for (long seed = 1; seed <= 3; seed++) {
      net.forward(input(net, 3, seed), 3);
    }
    net.setTraining(false);
    return net;
  }

  /** {@link PooledBlocks} with parameters and running statistics drawn at random. */
  private static PooledBlocksNet pooledBlocks(long seed) {
    PooledBlocksNet net = new PooledBlocksNet();
    SplittableRandom random = new SplittableRandom(seed);
    float[] p = net.parameters().data();
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) random.nextDouble(-0.5, 0.5);
    }
    float[] b = net.parameters().buffers();
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextDouble(0.05, 2);
    }
    net.setTraining(false);
    return net;
  }

  @Test
  void passesSplitAcrossThreadsMatchOneThreadBitForBit() {
    for (CompiledNetwork net : new CompiledNetwork[] {resNet20(), pooledBlocks(31), new GradBlockedConvNet()}) {
      net.setTraining(false);
      CompiledNetwork one = net.frozen();
      for (int threads : new int[] {2, 3}) {
        CompiledNetwork split = net.frozen();
        split.setIntraOpThreads(threads);
        assertEquals(threads, split.intraOpThreads());
        for (int batch : new int[] {1, 3}) {
          for (long seed = 40; seed < 42; seed++) {
            float[] x = input(net, batch, seed);
            String what = net.name() + " on " + threads + " threads, batch " + batch + ", input " + seed;
            int outputs = batch * net.outputSize();
            assertArrayEquals(Arrays.copyOf(one.forward(x, batch), outputs),
                Arrays.copyOf(split.forward(x, batch), outputs), what);
            for (dev.convnet.runtime.LayerInfo layer : net.layers()) {
              int size = batch * layer.outputShape().size();
              float[] expected = layerOutput(one, layer.name(), size);
              if (expected != null) {
                assertArrayEquals(expected, layerOutput(split, layer.name(), size), what + ", layer " + layer.name());
              }
            }
          }
        }
        split.setIntraOpThreads(1);
      }
    }
  }

  /** A layer's output, or null for one a frozen copy computes inside a fused convolution. */
  private static float[] layerOutput(CompiledNetwork net, String layer, int size) {
    try {
      return Arrays.copyOf(net.layerOutput(layer), size);
    } catch (IllegalStateException fused) {
      return null;
    }
  }

  @Test
  void theNetworkItselfSplitsItsPassesInBothModes() {
    ResNet20Net reference = resNet20();
    ResNet20Net split = resNet20();
    split.setIntraOpThreads(2);
    float[] x = input(reference, 3, 50);
    assertArrayEquals(reference.forward(x, 3).clone(), split.forward(x, 3).clone(), "inference mode");
    reference.setTraining(true);
    split.setTraining(true);
    assertArrayEquals(reference.forward(x, 3).clone(), split.forward(x, 3).clone(), "training mode");
    float[] dy = input(reference, 3, 51);
    dy = Arrays.copyOf(dy, 3 * reference.outputSize());
    reference.backwardParameters(dy);
    split.backwardParameters(dy);
    assertArrayEquals(reference.gradients(), split.gradients(), "the gradients after a split forward pass");
    split.setIntraOpThreads(1);
  }

  @Test
  void aPassAllocatesNothingOnTheCallingThread() throws java.io.IOException {
    CompiledNetwork frozen = resNet20().frozen();
    frozen.setIntraOpThreads(2);
    try {
      float[] x = input(frozen, 1, 60);
      com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocated = Long.MAX_VALUE;
      // until C2 has compiled the Vector API kernels their vectors are objects: a few seconds of passes at most
      for (long end = System.nanoTime() + 20_000_000_000L; allocated > 0 && System.nanoTime() < end; ) {
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
          frozen.forward(x, 1);
        }
        allocated = bean.getCurrentThreadAllocatedBytes() - before;
      }
      if (allocated > 0) {
        // Some JVM runs compile a kernel with Vector API intrinsics failing ("failed to inline (intrinsic)" for
        // VectorSupport::store in Tile.runRow3, a C2 profile matter): its vectors are then objects for good. That
        // boxing is the JIT's, not an allocation of ours: every sampled allocation must come through the Vector API.
        // (JFR samples allocations by TLAB, so next to that boxing a small allocation of ours can go unseen; in the
        // usual run, with no boxing, any allocation of ours is every sample and fails here.)
        assertEquals(List.of(), allocationsOfOurs(frozen, x), "allocations of ours on the calling thread, by site");
      }
    } finally {
      frozen.setIntraOpThreads(1);
    }
  }

  /**
   * The sites of allocations on this thread during passes of {@code net} (JFR's new-TLAB and outside-TLAB events with
   * their stacks) that do not come through {@code jdk.incubator.vector} below our code.
   */
  private static List<String> allocationsOfOurs(CompiledNetwork net, float[] x) throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("allocations", ".jfr");
    List<String> ours = new java.util.ArrayList<>();
    int events = 0;
    try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
      r.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
      r.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
      r.start();
      for (int i = 0; i < 200; i++) {
        net.forward(x, 1);
      }
      r.stop();
      r.dump(file);
      long me = Thread.currentThread().getId();
      for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
        if (e.getThread() == null || e.getThread().getJavaThreadId() != me || e.getStackTrace() == null) {
          continue;
        }
        events++;
        boolean vectorApi = false;
        for (jdk.jfr.consumer.RecordedFrame f : e.getStackTrace().getFrames()) {
          String type = f.getMethod().getType().getName();
          if (type.startsWith("jdk.incubator.vector.") || type.startsWith("jdk.internal.vm.vector.")) {
            vectorApi = true;
          } else if (type.startsWith("dev.convnet.")) {
            if (!vectorApi) {
              ours.add(type + "." + f.getMethod().getName() + ":" + f.getLineNumber());
            }
            break;
          }
        }
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
    assertTrue(events > 0, "JFR recorded no allocation on this thread, though the passes allocated");
    return ours;
  }

  @Test
  void theThreadsAreTheInstancesOwnAndStopWhenSetBackToOne() throws InterruptedException {
    ResNet20Net net = resNet20();
    int others = threadsNamed("convnet-" + net.name() + "-intra-op-"); // of other tests' instances not yet cleaned
    assertEquals(1, net.intraOpThreads());
    assertThrows(IllegalArgumentException.class, () -> net.setIntraOpThreads(0));
    assertThrows(IllegalArgumentException.class, () -> net.setIntraOpThreads(257));
    net.setIntraOpThreads(3);
    CompiledNetwork frozen = net.frozen();
    assertEquals(3, frozen.intraOpThreads(), "a frozen copy starts with its source's threads");
    assertEquals(1, net.newWorker().intraOpThreads(), "a worker starts on one thread");
    String prefix = "convnet-" + net.name() + "-intra-op-";
    assertTrue(threadsNamed(prefix) >= others + 4, "two teams of 2 helper threads each");
    net.setIntraOpThreads(1);
    frozen.setIntraOpThreads(1);
    assertEquals(1, net.intraOpThreads());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (threadsNamed(prefix) > others && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(others, threadsNamed(prefix), "set back to 1, the helper threads end");
    net.setIntraOpThreads(1); // already 1: nothing to do
  }

  @Test
  void onThePlainPathTheSettingIsKeptAndNothingChanges() {
    org.junit.jupiter.api.Assumptions.assumeFalse(Vectorization.enabled(), "the plain-fallback run checks this");
    ResNet20Net net = resNet20();
    CompiledNetwork one = net.frozen();
    net.setIntraOpThreads(2);
    CompiledNetwork split = net.frozen();
    assertEquals(2, split.intraOpThreads());
    float[] x = input(net, 1, 70);
    assertArrayEquals(one.forward(x, 1).clone(), split.forward(x, 1).clone());
    net.setIntraOpThreads(1);
    split.setIntraOpThreads(1);
  }

  private static int threadsNamed(String prefix) {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.isAlive()) {
        n++;
      }
    }
    return n;
  }
}
