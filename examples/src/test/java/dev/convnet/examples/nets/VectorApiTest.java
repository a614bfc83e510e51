package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code @Network(vectorApi = true)} computes what the plain Java class computes, up to summation order. */
class VectorApiTest {
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
    assertAgree(plain, new VectorDenseNet(new Parameters(VectorDenseNet.LAYOUT)), 5, new SplittableRandom(3), dy,
        1e-5f);
  }

  @Test
  void vectorConvolutionsMatchThePlainClass() {
    VectorConvPlainNet plain = new VectorConvPlainNet();
    assertAgree(plain, new VectorConvNet(new Parameters(VectorConvNet.LAYOUT)), 3, new SplittableRandom(4), null,
        1e-4f);
  }

  /**
   * Copies the plain network's parameters into the vector one, runs both on one random batch and compares every
   * layer's output, the input gradient and the parameter gradients.
   *
   * @param dy the output gradient, or null for random values drawn after the inputs
   */
  private static void assertAgree(CompiledNetwork plain, CompiledNetwork vector, int batch, SplittableRandom r,
      float[] dy, float gradientTolerance) {
    float[] p = plain.parameters().data();
    System.arraycopy(p, 0, vector.parameters().data(), 0, p.length);
    float[] x = new float[batch * plain.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    plain.forward(x, 0, batch);
    vector.forward(x, 0, batch);
    for (LayerInfo layer : plain.layers().subList(1, plain.layers().size())) {
      float[] e = plain.layerOutput(layer.name());
      float[] a = vector.layerOutput(layer.name());
      for (int i = 0; i < batch * layer.outputShape().size(); i++) {
        assertEquals(e[i], a[i], 1e-5f * Math.max(1, Math.abs(e[i])), layer.name() + " value " + i);
      }
    }
    if (dy == null) {
      dy = new float[batch * plain.outputSize()];
      for (int i = 0; i < dy.length; i++) {
        dy[i] = (float) r.nextDouble(-1, 1);
      }
    }
    float[] dxPlain = plain.backward(dy).clone();
    float[] dxVector = vector.backward(dy);
    for (int i = 0; i < dxPlain.length; i++) {
      assertEquals(dxPlain[i], dxVector[i], 1e-5f, "input gradient " + i);
    }
    float[] gp = plain.gradients();
    float[] gv = vector.gradients();
    for (int i = 0; i < gp.length; i++) {
      assertEquals(gp[i], gv[i], gradientTolerance * Math.max(1, Math.abs(gp[i])), "gradient " + i);
    }
  }
}
