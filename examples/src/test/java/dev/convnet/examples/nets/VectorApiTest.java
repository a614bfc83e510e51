package dev.convnet.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.runtime.Parameters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code @Network(vectorApi = true)} computes what the plain Java class computes, up to summation order. */
class VectorApiTest {
  @Test
  void theOptionGeneratesVectorCode() throws ReflectiveOperationException {
    assertEquals("jdk.incubator.vector.VectorSpecies",
        VectorDenseNet.class.getDeclaredField("SPECIES").getType().getName());
    org.junit.jupiter.api.Assertions.assertThrows(NoSuchFieldException.class,
        () -> VectorDensePlainNet.class.getDeclaredField("SPECIES"));
  }

  @Test
  void vectorProductsMatchThePlainClass() {
    VectorDensePlainNet plain = new VectorDensePlainNet();
    VectorDenseNet vector = new VectorDenseNet(new Parameters(VectorDenseNet.LAYOUT));
    System.arraycopy(plain.parameters().data(), 0, vector.parameters().data(), 0, plain.parameters().data().length);
    int batch = 5;
    SplittableRandom r = new SplittableRandom(3);
    float[] x = new float[batch * plain.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    plain.forward(x, 0, batch);
    vector.forward(x, 0, batch);
    for (String layer : new String[] {"cover", "hidden", "out"}) {
      float[] e = plain.layerOutput(layer);
      float[] a = vector.layerOutput(layer);
      for (int i = 0; i < batch * sizeOf(plain, layer); i++) {
        assertEquals(e[i], a[i], 1e-5f * Math.max(1, Math.abs(e[i])), layer + " value " + i);
      }
    }
    float[] dy = new float[batch * plain.outputSize()];
    java.util.Arrays.fill(dy, 0.5f);
    float[] dxPlain = plain.backward(dy).clone();
    float[] dxVector = vector.backward(dy);
    for (int i = 0; i < dxPlain.length; i++) {
      assertEquals(dxPlain[i], dxVector[i], 1e-5f, "input gradient " + i);
    }
    float[] gp = plain.gradients();
    float[] gv = vector.gradients();
    for (int i = 0; i < gp.length; i++) {
      assertEquals(gp[i], gv[i], 1e-5f * Math.max(1, Math.abs(gp[i])), "gradient " + i);
    }
  }

  private static int sizeOf(VectorDensePlainNet net, String layer) {
    return net.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow().outputShape().size();
  }

  @Test
  void vectorConvolutionsMatchThePlainClass() {
    VectorConvPlainNet plain = new VectorConvPlainNet();
    VectorConvNet vector = new VectorConvNet(new Parameters(VectorConvNet.LAYOUT));
    System.arraycopy(plain.parameters().data(), 0, vector.parameters().data(), 0, plain.parameters().data().length);
    int batch = 3;
    SplittableRandom r = new SplittableRandom(4);
    float[] x = new float[batch * plain.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    plain.forward(x, 0, batch);
    vector.forward(x, 0, batch);
    for (String layer : new String[] {"first", "second", "out"}) {
      float[] e = plain.layerOutput(layer);
      float[] a = vector.layerOutput(layer);
      int size = plain.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow()
          .outputShape().size();
      for (int i = 0; i < batch * size; i++) {
        assertEquals(e[i], a[i], 1e-5f * Math.max(1, Math.abs(e[i])), layer + " value " + i);
      }
    }
    float[] dy = new float[batch * plain.outputSize()];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = (float) r.nextDouble(-1, 1);
    }
    float[] dxPlain = plain.backward(dy).clone();
    float[] dxVector = vector.backward(dy);
    for (int i = 0; i < dxPlain.length; i++) {
      assertEquals(dxPlain[i], dxVector[i], 1e-5f, "input gradient " + i);
    }
    float[] gp = plain.gradients();
    float[] gv = vector.gradients();
    for (int i = 0; i < gp.length; i++) {
      assertEquals(gp[i], gv[i], 1e-4f * Math.max(1, Math.abs(gp[i])), "gradient " + i);
    }
  }
}
