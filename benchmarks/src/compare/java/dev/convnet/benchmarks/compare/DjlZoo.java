package dev.convnet.benchmarks.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The ladder's networks built from DJL blocks for PyTorch, layer for layer as the zoo declares them (examples'
 * {@code SmallResNet}, {@code ResNet20}, {@code ResNet18}, {@code Vgg16}; and the benchmarks' {@code LeNet5Full}): the
 * same convolutions, strides and paddings, batch norms, projection shortcuts,
 * pooling, dropout and dense layers, so both engines do the same arithmetic.
 */
final class DjlZoo {
  private DjlZoo() {}

  /** The network named by the ladder's key ({@code lenet5}, {@code small-resnet}, …), not yet initialized. */
  static Block network(String key) {
    return switch (key) {
      case "lenet5" -> lenet5();
      case "small-resnet" -> smallResNet();
      case "resnet20" -> resNet20();
      case "resnet18" -> resNet18();
      case "vgg16" -> vgg16();
      default -> throw new IllegalArgumentException("no DJL network for '" + key + "'");
    };
  }

  /** The input shape of one sample. */
  static Shape input(String key) {
    return switch (key) {
      case "lenet5" -> new Shape(1, 32, 32);
      case "small-resnet" -> new Shape(1, 28, 28);
      case "resnet20" -> new Shape(3, 32, 32);
      case "resnet18", "vgg16" -> new Shape(3, 224, 224);
      default -> throw new IllegalArgumentException("no DJL network for '" + key + "'");
    };
  }

  static int classes(String key) {
    return key.equals("resnet18") || key.equals("vgg16") ? 1000 : 10;
  }

  private static Block conv(int filters, int kernel, int stride, int pad, boolean bias) {
    return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
        .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(bias).build();
  }

  private static Block batchNorm() {
    return BatchNorm.builder().build();
  }

  /** Convolution without bias, batch norm, and ReLU when asked. */
  private static SequentialBlock convBn(int filters, int kernel, int stride, int pad, boolean relu) {
    SequentialBlock b = new SequentialBlock().add(conv(filters, kernel, stride, pad, false)).add(batchNorm());
    return relu ? b.add(Activation.reluBlock()) : b;
  }

  /** The zoo's {@code BasicBlock} (identity shortcut) or, with a stride or width change, {@code BasicDownBlock}. */
  private static Block basicBlock(int width, int stride, boolean project) {
    Block main = new SequentialBlock().add(convBn(width, 3, stride, 1, true)).add(convBn(width, 3, 1, 1, false));
    Block shortcut = project ? convBn(width, 1, stride, 0, false) : Blocks.identityBlock();
    return new SequentialBlock()
        .add(new ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())),
            List.of(main, shortcut)))
        .add(Activation.reluBlock());
  }

  static Block smallResNet() {
    return new SequentialBlock()
        .add(convBn(16, 5, 2, 2, true))
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(basicBlock(16, 1, false))
        .add(basicBlock(32, 2, true))
        .add(basicBlock(64, 2, true))
        .add(Pool.globalAvgPool2dBlock())
        .add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(10).build());
  }

  static Block resNet20() {
    SequentialBlock b = new SequentialBlock().add(convBn(16, 3, 1, 1, true));
    for (int stage = 0; stage < 3; stage++) {
      for (int i = 0; i < 3; i++) {
        boolean down = stage > 0 && i == 0;
        b.add(basicBlock(16 << stage, down ? 2 : 1, down));
      }
    }
    return b.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(10).build());
  }

  static Block resNet18() {
    SequentialBlock b = new SequentialBlock()
        .add(convBn(64, 7, 2, 3, true))
        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    for (int stage = 0; stage < 4; stage++) {
      for (int i = 0; i < 2; i++) {
        boolean down = stage > 0 && i == 0;
        b.add(basicBlock(64 << stage, down ? 2 : 1, down));
      }
    }
    return b.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(1000).build());
  }

  static Block vgg16() {
    SequentialBlock b = new SequentialBlock();
    int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    for (int[] stage : stages) {
      for (int filters : stage) {
        b.add(conv(filters, 3, 1, 1, true)).add(Activation.reluBlock());
      }
      b.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    return b.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(4096).build()).add(Activation.reluBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(4096).build()).add(Activation.reluBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(1000).build());
  }

  /**
   * LeNet-5 as {@code LeNet5Full} (32×32 input; C1 6@5×5 + tanh; S2 trainable 2×2 subsampling + tanh; C3 16@5×5 on
   * all 6 maps + tanh; S4 like S2; C5 120@5×5 + tanh; F6 84 + tanh; 10 logits). S2 and S4 are LeNet's subsampling:
   * 2×2 average pooling, then a trainable coefficient and bias per channel ({@link Subsampling}; the pooled sum times a
   * coefficient equals the pooled mean times four times it, so the function class is the same as ours), then tanh.
   */
  static Block lenet5() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(6).build()) // C1
        .add(Activation.tanhBlock())
        .add(new Subsampling(6)) // S2
        .add(Activation.tanhBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(16).build()) // C3
        .add(Activation.tanhBlock())
        .add(new Subsampling(16)) // S4
        .add(Activation.tanhBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(120).build()) // C5
        .add(Activation.tanhBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(84).build()) // F6
        .add(Activation.tanhBlock())
        .add(Linear.builder().setUnits(10).build()); // output logits
  }

  /** LeNet subsampling: 2×2 average pooling (stride 2), then a trainable coefficient and bias per channel. */
  static final class Subsampling extends AbstractBlock {
    private final Parameter coefficient;
    private final Parameter bias;

    Subsampling(int channels) {
      coefficient = addParameter(Parameter.builder().setName("coefficient").setType(Parameter.Type.GAMMA)
          .optShape(new Shape(1, channels, 1, 1)).build()); // initialized to 1
      bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
          .optShape(new Shape(1, channels, 1, 1)).build()); // initialized to 0
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray pooled = Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
      NDArray a = store.getValue(coefficient, x.getDevice(), training);
      NDArray b = store.getValue(bias, x.getDevice(), training);
      return new NDList(pooled.mul(a).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
      Shape s = inputs[0];
      return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2)};
    }
  }
}
