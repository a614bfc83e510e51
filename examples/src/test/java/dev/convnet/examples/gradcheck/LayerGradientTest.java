package dev.convnet.examples.gradcheck;

import dev.convnet.examples.LeNet5Net64;
import dev.convnet.examples.nets.ConvZooNet64;
import dev.convnet.examples.nets.GradConvNet64;
import dev.convnet.examples.nets.GradModesNet64;
import dev.convnet.examples.nets.GradPoolNet64;
import dev.convnet.examples.nets.GradTransposedNet64;
import dev.convnet.examples.nets.Seed001CnnNet64;
import dev.convnet.runtime.CompiledNetwork64;
import org.junit.jupiter.api.Test;

/**
 * Every layer kind's generated backward pass against finite differences in float64, on odd, non-square shapes:
 * convolution (stride, explicit/SAME/FULL padding, dilation, non-square kernels, no bias, a connection table),
 * transposed convolution (stride, padding, output padding, dilation), max/average/L2 pooling (overlapping, padded,
 * ceil mode), trainable subsampling, dense, stand-alone activations and every activation function including softmax.
 */
class LayerGradientTest {
  /**
   * Relative error of each tensor's gradient against central differences (h = 1e-6): worst measured 3.8e-8
   * (GradTransposed's input gradient), most below 1e-8.
   */
  private static final double TOLERANCE = 4e-7;

  private static void check(CompiledNetwork64 net, int batch) {
    new GradientCheck(net, batch, 42).run(TOLERANCE);
  }

  @Test
  void convolutionsWithStridePaddingDilationAndTable() {
    check(new GradConvNet64(), 2);
  }

  @Test
  void poolsOfEveryKindOverlappingPaddedCeil() {
    check(new GradPoolNet64(), 2);
  }

  @Test
  void transposedConvolutionSubsamplingAndSoftmax() {
    check(new GradTransposedNet64(), 2);
  }

  @Test
  void namedPaddingModesNoBiasAndActivationLayers() {
    check(new GradModesNet64(), 3);
  }

  @Test
  void seed001Cnn() {
    check(new Seed001CnnNet64(), 1);
  }

  @Test
  void convZoo() {
    check(new ConvZooNet64(), 1);
  }

  @Test
  void leNet5WithConnectionTable() {
    check(new LeNet5Net64(), 1);
  }
}
