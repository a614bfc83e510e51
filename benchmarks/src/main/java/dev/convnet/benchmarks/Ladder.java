package dev.convnet.benchmarks;

import dev.convnet.examples.zoo.ResNet18Net;
import dev.convnet.examples.zoo.ResNet20Net;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.examples.zoo.Vgg16Net;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmark ladder: networks of growing size, from LeNet-5's small maps to VGG-16's 15.5 G multiply-adds, each
 * measured at inference batch 1 and at its training batch, on 1 and 2 threads ({@link LadderTable}).
 *
 * <p>Every network is compiled as users get it, with no {@code vectorApi} flag (its LeNet-sized layers run their Vector
 * API variant, its large ones the blocked kernels, when the JVM reads {@code jdk.incubator.vector}): the zoo's are the
 * examples' declarations, LeNet-5 is the benchmarks' {@code LeNet5Full} (C3 fully connected, the form the peers run).
 */
public enum Ladder {
  LENET5("LeNet-5 (full C3, 32×32)", 32, true, () -> Networks.create("full")) {
    @Override
    public int servingBatch() {
      return 64;
    }
  },
  SMALL_RESNET("small ResNet (1×28×28)", 32, true,
      () -> new SmallResNetNet(new Parameters(SmallResNetNet.LAYOUT).initialize(Init.HE_UNIFORM, 1))),
  RESNET20("ResNet-20 (CIFAR, 3×32×32)", 32, true,
      () -> new ResNet20Net(new Parameters(ResNet20Net.LAYOUT).initialize(Init.HE_UNIFORM, 1))),
  RESNET18("ResNet-18 (3×224×224)", 8, true,
      () -> new ResNet18Net(new Parameters(ResNet18Net.LAYOUT).initialize(Init.HE_UNIFORM, 1))),
  VGG16("VGG-16 (3×224×224)", 0, false,
      () -> new Vgg16Net(new Parameters(Vgg16Net.LAYOUT).initialize(Init.HE_UNIFORM, 1)));

  private final String label;
  private final int trainingBatch;
  private final boolean trained;
  private final Supplier<CompiledNetwork> factory;

  Ladder(String label, int trainingBatch, boolean trained, Supplier<CompiledNetwork> factory) {
    this.label = label;
    this.trainingBatch = trainingBatch;
    this.trained = trained;
    this.factory = factory;
  }

  /** The name the benchmarks take as their {@code network} parameter: {@code lenet5}, {@code resnet18}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace("_", "-");
  }

  public String label() {
    return label;
  }

  /** The batch of the training rows (ResNet-18: 8, to keep a step within seconds). */
  public int trainingBatch() {
    return trainingBatch;
  }

  /**
   * The batch of an extra inference row, batched serving (LeNet-5: 64, as in the table), or 0 for none. Its
   * threads share each batch ({@code DataParallel}; ONNX Runtime: intra-op threads).
   */
  public int servingBatch() {
    return 0;
  }

  /** Whether the ladder measures training (VGG-16: inference only). */
  public boolean trained() {
    return trained;
  }

  /** A fresh network with seeded initial parameters. */
  public CompiledNetwork create() {
    return factory.get();
  }

  /**
   * A network with the same layers for counting its arithmetic in a JVM that may lack the Vector API module (the
   * table's own; the benchmarks run in forks that have it).
   */
  public CompiledNetwork createForCounting() {
    return create();
  }

  /** The entry named {@code key} ({@link #key()}). */
  public static Ladder of(String key) {
    for (Ladder l : values()) {
      if (l.key().equals(key)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown network '" + key + "'; use one of " + keys());
  }

  /** Every key, in ladder order. */
  public static List<String> keys() {
    return java.util.Arrays.stream(values()).map(Ladder::key).toList();
  }
}
