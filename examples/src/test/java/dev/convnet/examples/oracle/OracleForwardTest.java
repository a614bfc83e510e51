package dev.convnet.examples.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward outputs of networks declared through the annotations against PyTorch: float32 within 1e-4 relative error,
 * the float64 twins within 1e-9.
 */
class OracleForwardTest {
  static CompiledNetwork floatNet(String name) {
    return switch (name) {
      case "lenet5_table" -> new LeNet5Net();
      case "seed001_cnn" -> new Seed001CnnNet();
      case "conv_zoo" -> new ConvZooNet();
      case "resnet_block" -> new ResNetBlockNet();
      case "inception_block" -> new InceptionBlockNet();
      case "alexnet_lrn" -> new AlexNetLrnNet();
      default -> throw new IllegalArgumentException(name);
    };
  }

  static CompiledNetwork64 doubleNet(String name) {
    return switch (name) {
      case "lenet5_table" -> new LeNet5Net64();
      case "seed001_cnn" -> new Seed001CnnNet64();
      case "conv_zoo" -> new ConvZooNet64();
      case "resnet_block" -> new ResNetBlockNet64();
      case "inception_block" -> new InceptionBlockNet64();
      case "alexnet_lrn" -> new AlexNetLrnNet64();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Loads the oracle's parameters into a float network. */
  static void load(Oracle oracle, CompiledNetwork net) {
    for (Map.Entry<String, Oracle.Tensor> p : oracle.params.entrySet()) {
      net.parameters().set(p.getKey(), p.getValue().data());
    }
  }

  static void load(Oracle oracle, CompiledNetwork64 net) {
    for (Map.Entry<String, Oracle.Tensor> p : oracle.params.entrySet()) {
      net.set(p.getKey(), p.getValue().data());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet5_table", "seed001_cnn", "conv_zoo", "resnet_block", "inception_block",
      "alexnet_lrn"})
  void float32ForwardMatchesPyTorch(String name) {
    Oracle oracle = Oracle.load(name);
    CompiledNetwork net = floatNet(name);
    load(oracle, net);
    float[] out = net.forward(oracle.input.floats(), oracle.batch());
    double err = Oracle.relativeError(out, oracle.output.data());
    System.out.printf("%s float32 forward: relative error %.3g%n", name, err);
    assertTrue(err < 1e-4, name + ": relative error " + err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet5_table", "seed001_cnn", "conv_zoo", "resnet_block", "inception_block",
      "alexnet_lrn"})
  void float64ForwardMatchesPyTorch(String name) {
    Oracle oracle = Oracle.load(name);
    CompiledNetwork64 net = doubleNet(name);
    load(oracle, net);
    double[] out = net.forward(oracle.input.data(), oracle.batch());
    double err = Oracle.relativeError(out, oracle.output.data());
    System.out.printf("%s float64 forward: relative error %.3g%n", name, err);
    assertTrue(err < 1e-9, name + ": relative error " + err);
  }
}
