package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convnet.examples.accuracy.ErrorTable;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** {@code @Network(vectorApi = true)} computes what the plain Java class computes, up to summation order. */
class VectorApiTest {
  /**
   * Layer outputs: worst measured 3.6e-7 (VectorDense's out layer with 256-bit vectors; 2.8e-7 with 512- and
   * 128-bit ones).
   */
  private static final double OUTPUT_LIMIT = 4e-6;
  /** Input and parameter gradients: worst measured 1.8e-7 (VectorConv first.weight, 128-bit vectors). */
  private static final double GRADIENT_LIMIT = 2e-6;

  @Test
  void theOptionGeneratesVectorCode() throws ReflectiveOperationException {
    assertEquals("jdk.incubator.vector.VectorSpecies",
        VectorDenseNet.class.getDeclaredField("SPECIES").getType().getName());
    assertThrows(NoSuchFieldException.class, () -> VectorDensePlainNet.class.getDeclaredField("SPECIES"));
  }

  @Test
  void vectorProductsMatchThePlainClass() {
    VectorDensePlainNet plain = new VectorDensePlainNet();
    float[] dy = new float[5 * plain.outputSize()];
    Arrays.fill(dy, 0.5f);
    assertAgree(plain, new VectorDenseNet(new Parameters(VectorDenseNet.LAYOUT)), 5, new SplittableRandom(3), dy);
  }

  @Test
  void vectorConvolutionsMatchThePlainClass() {
    VectorConvPlainNet plain = new VectorConvPlainNet();
    assertAgree(plain, new VectorConvNet(new Parameters(VectorConvNet.LAYOUT)), 3, new SplittableRandom(4), null);
  }

  /**
   * Copies the plain network's parameters into the vector one, runs both on one random batch and compares every
   * layer's output, the input gradient and each parameter tensor's gradient (relative error, limits about ten times
   * the worst measured with 512-, 256- and 128-bit vectors: {@code -XX:UseAVX=2} or {@code -XX:MaxVectorSize=16}
   * pick the narrower species on an AVX-512 machine).
   *
   * @param dy the output gradient, or null for random values drawn after the inputs
   */
  private static void assertAgree(CompiledNetwork plain, CompiledNetwork vector, int batch, SplittableRandom r,
      float[] dy) {
    String what = vector.name() + " (" + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors)";
    float[] p = plain.parameters().data();
    System.arraycopy(p, 0, vector.parameters().data(), 0, p.length);
    float[] x = new float[batch * plain.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    plain.forward(x, 0, batch);
    vector.forward(x, 0, batch);
    ErrorTable errors = new ErrorTable();
    for (LayerInfo layer : plain.layers().subList(1, plain.layers().size())) {
      int n = batch * layer.outputShape().size();
      errors.check(what + " output of " + layer.name(), vector.layerOutput(layer.name()),
          ErrorTable.widen(Arrays.copyOf(plain.layerOutput(layer.name()), n)), OUTPUT_LIMIT);
    }
    if (dy == null) {
      dy = new float[batch * plain.outputSize()];
      for (int i = 0; i < dy.length; i++) {
        dy[i] = (float) r.nextDouble(-1, 1);
      }
    }
    double[] dxPlain = ErrorTable.widen(Arrays.copyOf(plain.backward(dy), x.length));
    errors.check(what + " input gradient", vector.backward(dy), dxPlain, GRADIENT_LIMIT);
    for (ParamSlot slot : plain.layout().slots()) {
      errors.check(what + " gradient of " + slot.name(), Parameters.exportFrom(slot, vector.gradients()),
          Parameters.exportFrom(slot, plain.gradients()), GRADIENT_LIMIT);
    }
    errors.assertWithinLimits();
  }
}
