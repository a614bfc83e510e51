package dev.convnet.examples.digits;

import dev.convnet.examples.LeNet1998Net;
import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.SmallDenseNetNet;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.io.ModelFileInfo;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A network the digits job can train ({@code --net NAME}) and classify with: its command-line name, how to make and
 * initialize it, and the loss it is trained with. Every one reads a 28×28 image, framed by {@link #border()} zero
 * pixels (LeNet-5's 32×32) and standardized by {@code DigitsMain.prepare}, and gives 10 outputs.
 */
public record NetworkChoice(String name, String description, Function<Parameters, CompiledNetwork> factory,
                            ParameterLayout layout, Init init, Supplier<Loss> loss) {
  /** The choices, the default first. */
  public static final List<NetworkChoice> ALL = List.of(
      new NetworkChoice("lenet5", "LeNet-5 with the C3 table, tanh, 10 logits (softmax cross-entropy)",
          LeNet5Net::new, LeNet5Net.LAYOUT, Init.LECUN_UNIFORM, Losses::softmaxCrossEntropy),
      new NetworkChoice("lenet1998", "LeNet-5 as in LeCun et al. 1998: scaled tanh, RBF output with fixed digit"
          + " bitmaps, MAP loss (rbf-map)", LeNet1998Net::new, LeNet1998Net.LAYOUT, Init.LECUN_UNIFORM,
          () -> Losses.rbfMap(Losses.RBF_MAP_DEFAULT_J)),
      new NetworkChoice("resnet", "a small ResNet for 28×28: 3 stages of basic blocks (16/32/64), batch norm, global"
          + " average pooling", SmallResNetNet::new, SmallResNetNet.LAYOUT, Init.HE_UNIFORM, Losses::softmaxCrossEntropy),
      new NetworkChoice("densenet", "a small DenseNet-BC: 3 dense blocks of 4 layers, growth 12, transitions",
          SmallDenseNetNet::new, SmallDenseNetNet.LAYOUT, Init.HE_UNIFORM, Losses::softmaxCrossEntropy));

  /** The default, {@code lenet5}. */
  public static final String DEFAULT = "lenet5";

  /** The names {@code --net} accepts. */
  public static List<String> names() {
    return ALL.stream().map(NetworkChoice::name).toList();
  }

  /**
   * The choice called {@code name} (case-insensitive).
   *
   * @throws UsageException for an unknown name, listing the known ones
   */
  public static NetworkChoice byName(String name) throws UsageException {
    String key = name.toLowerCase(Locale.ROOT);
    for (NetworkChoice c : ALL) {
      if (c.name.equals(key)) {
        return c;
      }
    }
    throw new UsageException("unknown network '" + name + "' for --net; use one of " + String.join(", ", names()));
  }

  /** The choice whose network a model file was saved from (same network name and architecture fingerprint). */
  public static NetworkChoice forModel(ModelFileInfo info) {
    for (NetworkChoice c : ALL) {
      CompiledNetwork net = c.network();
      if (net.name().equals(info.network()) && net.acceptsFingerprint(info.fingerprint())) {
        return c;
      }
    }
    return null;
  }

  /** A new network with its parameters at zero (to load a model into). */
  public CompiledNetwork network() {
    return factory.apply(new Parameters(layout));
  }

  /** A new network initialized for training, deterministically for a seed. */
  public CompiledNetwork network(long seed) {
    return factory.apply(new Parameters(layout).initialize(init, seed));
  }

  /** The zero border that brings a 28×28 image to the network's input: 2 for LeNet-5's 32×32, 0 for 28×28. */
  public int border() {
    dev.convnet.runtime.Shape input = network().inputShape();
    int side = input.height();
    if (side < 28 || (side - 28) % 2 != 0 || input.width() != side) {
      throw new IllegalStateException("network " + name + " reads " + input
          + ", which no border around a 28×28 image gives");
    }
    return (side - 28) / 2;
  }

  /** A new instance of the loss the network is trained with. */
  public Loss newLoss() {
    return loss.get();
  }

  /** Whether the outputs are penalties (smaller is better, RBF units) rather than logits. */
  public boolean penalties() {
    return newLoss().predict(new float[] {0, 1}, 0, 2) == 0;
  }
}
