package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.internal.Vectorization;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A frozen copy's fused chains ({@link FusedBlocks}): with the Vector API kernels, each convolution followed by a batch
 * norm (and perhaps a residual sum, and ReLU) runs as one kernel with an epilogue, and the copy still computes its
 * source's inference output bit for bit, with batch-norm parameters and running statistics far from their initial
 * values, NaN and infinities included; the layers it computes inside a fused kernel keep no output and say where the
 * result is, the others keep theirs. On the plain path ({@code plain-fallback}) nothing fuses and every layer's output
 * is there.
 */
class FusionTest {
  private static final int BATCH = 3;
  /** The layers whose results the fused kernels write into a later layer's buffer, and that layer. */
  private static final List<String[]> FUSED_AWAY = List.of(new String[] {"stem", "stemBn"},
      new String[] {"a", "aBn"}, new String[] {"p", "sum1"}, new String[] {"pBn", "sum1"}, new String[] {"d", "sum3"},
      new String[] {"dBn", "sum3"});

  /** A network with every parameter and running statistic drawn at random (variances positive). */
  private static FusedBlocksNet randomized(long seed) {
    FusedBlocksNet net = new FusedBlocksNet();
    SplittableRandom random = new SplittableRandom(seed);
    float[] p = net.parameters().data();
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) random.nextDouble(-1, 1);
    }
    float[] b = net.parameters().buffers();
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextDouble(0.05, 2);
    }
    net.setTraining(false);
    return net;
  }

  private static float[] input(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[BATCH * 3 * 9 * 9];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-2, 2);
    }
    return x;
  }

  /** Every layer's output after a pass over {@code x}, as copies. */
  private static float[] run(CompiledNetwork net, float[] x) {
    return Arrays.copyOf(net.forward(x, BATCH), BATCH * net.outputSize());
  }

  @Test
  void aFrozenCopyComputesItsSourcesInferenceOutputBitForBit() {
    for (long seed = 1; seed <= 4; seed++) {
      FusedBlocksNet net = randomized(seed);
      CompiledNetwork frozen = net.frozen();
      for (long s = 0; s < 3; s++) {
        float[] x = input(100 * seed + s);
        float[] expected = run(net, x);
        assertArrayEquals(expected, run(frozen, x), "seed " + seed + ", input " + s);
        // the layers that end a chain hold what the source's do
        for (String layer : new String[] {"stemBn", "aBn", "sum1", "bBn", "sum2", "sum3"}) {
          net.forward(x, BATCH);
          float[] source = Arrays.copyOf(net.layerOutput(layer), BATCH * 9 * 9 * 32);
          frozen.forward(x, BATCH);
          assertArrayEquals(source, Arrays.copyOf(frozen.layerOutput(layer), source.length), layer);
        }
      }
    }
  }

  /**
   * At batch 1 the linked passes read every input and residual term from the blocked planes of the kernels before
   * them ({@code a → sum1's residual}, {@code p → b}), and the outputs only linked passes read ({@code aBn},
   * {@code sum1}) stay unwritten until asked for: the output and those layers' results must still be the source's.
   */
  @Test
  void atBatchOneTheLinkedPassesAndTheLazyOutputsMatchTheSource() {
    for (long seed = 11; seed <= 13; seed++) {
      FusedBlocksNet net = randomized(seed);
      CompiledNetwork frozen = net.frozen();
      for (long s = 0; s < 3; s++) {
        float[] x = Arrays.copyOf(input(100 * seed + s), 3 * 9 * 9);
        float[] expected = net.forward(x, 1).clone();
        assertArrayEquals(expected, frozen.forward(x, 1).clone(), "seed " + seed + ", input " + s);
        for (String layer : new String[] {"aBn", "sum1", "bBn", "sum3"}) {
          float[] source = net.layerOutput(layer).clone();
          assertArrayEquals(source, frozen.layerOutput(layer).clone(), layer);
        }
      }
    }
  }

  /**
   * A stem, its max pooling and a basic block ({@link PooledBlocks}), linked on blocked planes in a frozen copy: the
   * output and every layer's result bit for bit the source's, at batch 1 (every pass reads its input in place) and 3
   * (all samples but the last read back from NCHW), with NaN and infinities in the input.
   */
  @Test
  void aStemItsPoolingAndABlockLinkedMatchTheSource() {
    for (int batch : new int[] {1, 3}) {
      for (long seed = 21; seed <= 23; seed++) {
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
        CompiledNetwork frozen = net.frozen();
        float[] x = new float[batch * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) random.nextDouble(-2, 2);
        }
        x[7] = Float.NaN;
        x[x.length - 3] = Float.NEGATIVE_INFINITY;
        float[] expected = net.forward(x, batch).clone();
        assertArrayEquals(expected, frozen.forward(x, batch).clone(), "batch " + batch + ", seed " + seed);
        for (String layer : new String[] {"stemBn", "pool", "aBn", "sum"}) {
          assertArrayEquals(net.layerOutput(layer).clone(), frozen.layerOutput(layer).clone(), layer);
        }
      }
    }
  }

  @Test
  void nanAndInfinitiesPassThroughTheEpilogueAsThroughTheLayers() {
    FusedBlocksNet net = randomized(7);
    CompiledNetwork frozen = net.frozen();
    float[] x = input(70);
    x[5] = Float.NaN;
    x[3 * 81 + 40] = Float.POSITIVE_INFINITY;
    x[2 * 3 * 81 + 7] = Float.NEGATIVE_INFINITY;
    float[] expected = run(net, x);
    assertArrayEquals(expected, run(frozen, x));
    for (String layer : new String[] {"stemBn", "sum1", "sum3"}) {
      net.forward(x, BATCH);
      float[] source = net.layerOutput(layer).clone();
      frozen.forward(x, BATCH);
      assertArrayEquals(source, frozen.layerOutput(layer).clone(), layer);
    }
  }

  @Test
  void fusedLayersKeepNoOutputAndNameTheLayerThatHoldsIt() {
    FusedBlocksNet net = randomized(3);
    CompiledNetwork frozen = net.frozen();
    net.forward(input(3), BATCH);
    frozen.forward(input(3), BATCH);
    for (String[] fused : FUSED_AWAY) {
      if (Vectorization.enabled()) {
        String message = assertThrows(IllegalStateException.class, () -> frozen.layerOutput(fused[0]),
            fused[0]).getMessage();
        assertTrue(message.contains("'" + fused[0] + "' fused into '" + fused[1] + "'"), message);
      } else {
        assertArrayEquals(net.layerOutput(fused[0]), frozen.layerOutput(fused[0]), fused[0] + " on the plain path");
      }
    }
    for (String kept : new String[] {"b", "bBn", "c", "cBn", "sum2", "stemBn", "aBn", "sum1", "sum3"}) {
      frozen.layerOutput(kept);
    }
  }
}
