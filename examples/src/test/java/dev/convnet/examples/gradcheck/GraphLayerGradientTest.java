package dev.convnet.examples.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.nets.GradAddNet64;
import dev.convnet.examples.nets.GradBatchNormNet64;
import dev.convnet.examples.nets.GradBlocksNet64;
import dev.convnet.examples.nets.GradConcatNet64;
import dev.convnet.examples.nets.GradDropoutNet64;
import dev.convnet.examples.nets.GradFrozenNet64;
import dev.convnet.examples.nets.GradGroupsNet64;
import dev.convnet.examples.nets.GradLrnNet64;
import dev.convnet.examples.nets.GradRbfFixedNet64;
import dev.convnet.examples.nets.GradRbfNet64;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.ParamSlot;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated backward passes of the layers beyond a plain chain (merges, normalization, regularization, RBF
 * outputs, blocks) against finite differences in float64, tensor by tensor, on odd, non-square shapes: adds of three
 * inputs with fan-out, concatenation of maps and of vectors, batch norm (batch statistics in training mode, running
 * statistics in inference mode, with and without affine, on maps and on a vector), dropout (inference and a fixed
 * training mask), local response normalization (sizes 3, 5 and 4), grouped convolutions with global average pooling,
 * frozen convolutions, RBF outputs (trainable and fixed prototypes) and blocks used twice.
 */
class GraphLayerGradientTest {
  /**
   * Relative error of each tensor's gradient against central differences (h = 1e-6): worst measured 2.4e-8
   * (GradBatchNorm with a batch of four, conv2.bias), most below 1e-8.
   */
  private static final double TOLERANCE = 3e-7;
  /**
   * With a batch of three, conv2.bias (a sigmoid between it and batch norm, whose mean subtraction cancels most of
   * its effect) has a gradient so small that the central difference's rounding, about 1e-16·|L| / h, is 5.3e-7 of
   * it (measured; it shrinks as h grows, so it is rounding, not truncation). Every other tensor there: below 1e-7.
   */
  private static final double BATCH_OF_THREE_TOLERANCE = 6e-6;

  private static void check(CompiledNetwork64 net, int batch) {
    check(net.name(), net, batch);
  }

  private static void check(String what, CompiledNetwork64 net, int batch) {
    check(what, net, batch, TOLERANCE);
  }

  private static void check(String what, CompiledNetwork64 net, int batch, double tolerance) {
    new GradientCheck(net, batch, 42).run(what, tolerance);
  }

  @Test
  void addOfThreeInputsWithFanOutAndActivations() {
    check(new GradAddNet64(), 2);
  }

  @Test
  void concatOfMapsAndOfVectors() {
    check(new GradConcatNet64(), 2);
  }

  @Test
  void batchNormInTrainingModeThroughTheBatchStatistics() {
    check("GradBatchNorm (training, batch 4)", new GradBatchNormNet64(), 4);
  }

  @Test
  void batchNormInTrainingModeWithABatchOfThree() {
    check("GradBatchNorm (training, batch 3)", new GradBatchNormNet64(), 3, BATCH_OF_THREE_TOLERANCE);
  }

  @Test
  void batchNormInInferenceModeWithTrainedRunningStatistics() {
    GradBatchNormNet64 net = new GradBatchNormNet64();
    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; step < 4; step++) {
      double[] x = new double[5 * net.inputShape().size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble(-2, 3);
      }
      net.forward(x, 5);
    }
    double[] running = net.buffers().clone();
    net.setTraining(false);
    check("GradBatchNorm (inference, batch 3)", net, 3);
    // the running statistics moved away from their initial 0 and 1, and inference mode left them alone
    for (var slot : net.layout().buffers()) {
      double initial = slot.initial();
      double moved = 0;
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        moved = Math.max(moved, Math.abs(running[i] - initial));
      }
      assertTrue(moved > 0.05, slot.name() + " did not move from " + initial);
    }
    assertTrue(java.util.Arrays.equals(running, net.buffers()), "inference mode changed the running statistics");
  }

  @Test
  void dropoutInInferenceModeIsTheIdentity() {
    GradDropoutNet64 net = new GradDropoutNet64();
    net.setTraining(false);
    check("GradDropout (inference)", net, 2);
  }

  @Test
  void dropoutInTrainingModeWithTheSameMaskOnEveryPass() {
    GradDropoutNet64 net = new GradDropoutNet64();
    GradientCheck.freshEachForward(net, n -> new GradDropoutNet64(n.parameters()), 3, 42)
        .run("GradDropout (training, fresh masks)", TOLERANCE);
  }

  @Test
  void localResponseNormOfSizesThreeFiveAndFour() {
    check(new GradLrnNet64(), 2);
  }

  @Test
  void groupedConvolutionsAndGlobalAveragePooling() {
    check(new GradGroupsNet64(), 2);
  }

  @Test
  void frozenConvolutionsHaveNoParametersButPassTheGradient() {
    GradFrozenNet64 net = new GradFrozenNet64();
    List<String> slots = net.layout().slots().stream().map(ParamSlot::name).toList();
    assertEquals(List.of("conv.weight", "conv.bias", "out.weight", "out.bias"), slots);
    assertEquals(2 * 3 * 2 * 3 + 2 + 2 * 12 + 2, net.layout().size());
    check(net, 2);
  }

  @Test
  void rbfWithTrainablePrototypes() {
    GradRbfNet64 net = new GradRbfNet64();
    assertEquals(List.of(3, 2 * 4 * 2), java.util.Arrays.stream(net.layout().slot("rbf.weight").shape()).boxed()
        .toList());
    check(net, 2);
  }

  @Test
  void rbfWithFixedPrototypes() {
    GradRbfFixedNet64 net = new GradRbfFixedNet64();
    assertTrue(net.layout().slots().stream().noneMatch(s -> s.name().startsWith("rbf")));
    check(net, 2);
  }

  @Test
  void blockUsedTwiceWithWidthAndStride() {
    GradBlocksNet64 net = new GradBlocksNet64();
    List<String> layers = net.layers().stream().map(LayerInfo::name).toList();
    assertEquals(List.of("input", "stage1_conv1", "stage1_conv2", "stage1_proj", "stage1", "stage2_conv1",
        "stage2_conv2", "stage2_proj", "stage2", "out"), layers);
    assertEquals(List.of(3, 4, 3, 3), java.util.Arrays.stream(net.layout().slot("stage2_conv1.weight").shape())
        .boxed().toList());
    assertEquals(List.of(6, 4, 1, 1), java.util.Arrays.stream(net.layout().slot("stage2_proj.weight").shape())
        .boxed().toList());
    assertEquals(dev.convnet.runtime.Shape.map(6, 5, 4), net.layers().get(8).outputShape());
    check(net, 2);
  }
}
