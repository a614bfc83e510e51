package dev.convnet.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet1998Net;
import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.filters.NamedFiltersNet;
import dev.convnet.examples.filters.SobelEdgesNet;
import dev.convnet.examples.zoo.AlexNetNet;
import dev.convnet.examples.zoo.AlexNetTorchvisionNet;
import dev.convnet.examples.zoo.AlexNetTwoTowersNet;
import dev.convnet.examples.zoo.DenseNet121Net;
import dev.convnet.examples.zoo.GoogLeNetNet;
import dev.convnet.examples.zoo.ResNet18Net;
import dev.convnet.examples.zoo.ResNet50Net;
import dev.convnet.examples.zoo.SmallDenseNetNet;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.examples.zoo.Vgg16Net;
import dev.convnet.onnx.Figures;
import dev.convnet.onnx.Nets;
import dev.convnet.onnx.Ort;
import dev.convnet.onnx.testnets.EveryOpNet;
import dev.convnet.onnx.testnets.LeNet5FullNet;
import dev.convnet.onnx.testnets.MapSoftmaxNet;
import dev.convnet.onnx.testnets.SoftmaxHeadNet;
import dev.convnet.runtime.CompiledNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example and zoo network (at its real size, with random parameters and batch-norm statistics) exported to
 * ONNX and run by ONNX Runtime: its outputs agree with the generated class's on the same inputs within 1e-5 of the
 * largest output. The small networks go through a file ({@link Onnx#export}), the zoo's (batch 1, up to 528 MB)
 * through memory ({@link Onnx#toModel}). The figures go to {@code target/onnx-agreement.md}.
 */
class OrtAgreementTest {
  static final double TOLERANCE = 1e-5;
  private static final Figures TABLE = new Figures("onnx-agreement",
      "| network | declared as | ONNX file | max relative error |");

  @TempDir
  Path dir;

  static Stream<Arguments> networks() {
    return Stream.of(
        net("LeNet-5 (C3 table)", LeNet5Net::new, 3),
        net("LeNet-5 (full C3)", LeNet5FullNet::new, 3),
        net("LeNet-5 of 1998 (scaled tanh, RBF)", LeNet1998Net::new, 3),
        net("Sobel edges (fixed kernel)", SobelEdgesNet::new, 2),
        net("Named filters (fixed kernels)", NamedFiltersNet::new, 2),
        net("small ResNet", SmallResNetNet::new, 3),
        net("small DenseNet", SmallDenseNetNet::new, 3),
        net("every other layer form", EveryOpNet::new, 3),
        net("three-way sum, batch norm without affine, softmax", SoftmaxHeadNet::new, 3),
        net("softmax over a map", MapSoftmaxNet::new, 3),
        net("AlexNet (one tower)", AlexNetNet::new, 1),
        net("AlexNet (two towers)", AlexNetTwoTowersNet::new, 1),
        net("AlexNet (torchvision)", AlexNetTorchvisionNet::new, 1),
        net("VGG-16", Vgg16Net::new, 1),
        net("GoogLeNet", GoogLeNetNet::new, 1),
        net("ResNet-18", ResNet18Net::new, 1),
        net("ResNet-50", ResNet50Net::new, 1),
        net("DenseNet-121", DenseNet121Net::new, 1));
  }

  private static Arguments net(String title, Supplier<CompiledNetwork> make, int batch) {
    return Arguments.of(title, make, batch);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void onnxRuntimeAgrees(String title, Supplier<CompiledNetwork> make, int batch) throws Exception {
    CompiledNetwork net = Nets.randomized(make.get(), 7);
    float[] x = Nets.input(net, batch, 11);
    float[] ours = Nets.forward(net, x, batch);
    long size;
    float[] theirs;
    if (batch > 1) {
      Path file = dir.resolve(net.name() + ".onnx");
      Onnx.export(net, file);
      size = Files.size(file);
      theirs = Ort.run(file, x, Nets.inputShape(net, batch));
    } else {
      byte[] model = Onnx.toModel(net).toByteArray();
      size = model.length;
      theirs = Ort.run(model, x, Nets.inputShape(net, batch));
    }
    assertEquals(ours.length, theirs.length, "output length");
    double error = Ort.relativeError(theirs, ours);
    TABLE.row(String.format(Locale.ROOT, "| %s | `%s` | %s | %.1e |", title, net.name(), bytes(size), error));
    assertTrue(error <= TOLERANCE, title + ": ONNX Runtime differs by " + error + " of the largest output");
  }

  private static String bytes(long n) {
    return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", n / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
  }
}
