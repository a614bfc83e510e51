package dev.convnet.examples.oracle;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.LeNet5Net64;
import dev.convnet.examples.nets.AlexNetLrnNet;
import dev.convnet.examples.nets.AlexNetLrnNet64;
import dev.convnet.examples.nets.ConvZooNet;
import dev.convnet.examples.nets.ConvZooNet64;
import dev.convnet.examples.nets.InceptionBlockNet;
import dev.convnet.examples.nets.InceptionBlockNet64;
import dev.convnet.examples.nets.ResNetBlockNet;
import dev.convnet.examples.nets.ResNetBlockNet64;
import dev.convnet.examples.nets.Seed001CnnNet;
import dev.convnet.examples.nets.Seed001CnnNet64;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The annotated networks that mirror each oracle case, in both precisions, loaded with the oracle's parameters. */
final class OracleNetworks {
  /** Every oracle case (a {@code @MethodSource}). */
  static Stream<String> cases() {
    return Stream.of("lenet5_table", "seed001_cnn", "conv_zoo", "resnet_block", "inception_block", "alexnet_lrn");
  }

  /** The cases with optimizer step sequences (a {@code @MethodSource}). */
  static Stream<String> casesWithSteps() {
    return Stream.of("lenet5_table", "seed001_cnn");
  }

  private OracleNetworks() {}

  /** A case's network in both precisions. */
  private record Classes(Supplier<CompiledNetwork> float32, Supplier<CompiledNetwork64> float64) {}

  private static final Map<String, Classes> CLASSES = Map.of(
      "lenet5_table", new Classes(LeNet5Net::new, LeNet5Net64::new),
      "seed001_cnn", new Classes(Seed001CnnNet::new, Seed001CnnNet64::new),
      "conv_zoo", new Classes(ConvZooNet::new, ConvZooNet64::new),
      "resnet_block", new Classes(ResNetBlockNet::new, ResNetBlockNet64::new),
      "inception_block", new Classes(InceptionBlockNet::new, InceptionBlockNet64::new),
      "alexnet_lrn", new Classes(AlexNetLrnNet::new, AlexNetLrnNet64::new));

  private static Classes classes(Oracle oracle) {
    Classes c = CLASSES.get(oracle.name);
    if (c == null) {
      throw new IllegalArgumentException("no network declared for the oracle case " + oracle.name);
    }
    return c;
  }

  /** The float32 network of a case, holding the oracle's parameters. */
  static CompiledNetwork float32(Oracle oracle) {
    CompiledNetwork net = classes(oracle).float32().get();
    for (Map.Entry<String, Oracle.Tensor> p : oracle.params.entrySet()) {
      net.parameters().set(p.getKey(), p.getValue().data());
    }
    return net;
  }

  /** The float64 twin of a case, holding the oracle's parameters. */
  static CompiledNetwork64 float64(Oracle oracle) {
    CompiledNetwork64 net = classes(oracle).float64().get();
    for (Map.Entry<String, Oracle.Tensor> p : oracle.params.entrySet()) {
      net.set(p.getKey(), p.getValue().data());
    }
    return net;
  }

  /** The case's loss: mean squared error for the regression case, softmax cross-entropy for the others. */
  static Loss loss(Oracle oracle) {
    return oracle.name.equals("conv_zoo") ? Losses.meanSquaredError() : Losses.softmaxCrossEntropy();
  }

  /** The targets rounded to float, as a float32 training loop holds them. */
  static Targets float32Targets(Oracle oracle) {
    return oracle.name.equals("conv_zoo") ? Targets.values(oracle.target.floats(), 0)
        : Targets.labels(oracle.target.ints(), 0);
  }

  /** The targets as PyTorch held them (float64 regression targets are not float-representable). */
  static Targets float64Targets(Oracle oracle) {
    return oracle.name.equals("conv_zoo") ? Targets.values(oracle.target.data(), 0)
        : Targets.labels(oracle.target.ints(), 0);
  }
}
