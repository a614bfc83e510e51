package dev.convnet.examples.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo network has its published parameter count, and the multiply-accumulates the processor computed equal
 * an independent tally of the architecture ({@link ZooArchitectures}) and, where one is published (torchvision's
 * model documentation, GFLOPS counting one multiply-add), lie within 2% of it. Reads the generated constants only:
 * no network is instantiated (VGG-16's parameters alone take 553 MB).
 */
class ZooCountsTest {
  static Stream<Arguments> networks() {
    return Stream.of(
        zoo("AlexNet (one tower)", AlexNetNet.PARAMETER_COUNT, AlexNetNet.MACS, 62_378_344, Double.NaN,
            () -> ZooArchitectures.alexNet(1)),
        zoo("AlexNet (two towers)", AlexNetTwoTowersNet.PARAMETER_COUNT, AlexNetTwoTowersNet.MACS, 60_965_224,
            Double.NaN, () -> ZooArchitectures.alexNet(2)),
        zoo("AlexNet (torchvision)", AlexNetTorchvisionNet.PARAMETER_COUNT, AlexNetTorchvisionNet.MACS, 61_100_840,
            0.71, ZooArchitectures::alexNetTorchvision),
        zoo("VGG-16", Vgg16Net.PARAMETER_COUNT, Vgg16Net.MACS, 138_357_544, 15.47, ZooArchitectures::vgg16),
        zoo("GoogLeNet", GoogLeNetNet.PARAMETER_COUNT, GoogLeNetNet.MACS, 6_624_904, 1.50,
            ZooArchitectures::googLeNet),
        zoo("ResNet-18", ResNet18Net.PARAMETER_COUNT, ResNet18Net.MACS, 11_689_512, 1.82,
            () -> ZooArchitectures.resNet(new int[] {2, 2, 2, 2}, false)),
        // the paper's 0.27 M (269,722) is option A; projections (option B) add 2,752, as in the PyTorch ports
        zoo("ResNet-20 (CIFAR)", ResNet20Net.PARAMETER_COUNT, ResNet20Net.MACS, 269_722 + 2_752, Double.NaN,
            () -> ZooArchitectures.cifarResNet(3)),
        zoo("ResNet-50", ResNet50Net.PARAMETER_COUNT, ResNet50Net.MACS, 25_557_032, 4.09,
            () -> ZooArchitectures.resNet(new int[] {3, 4, 6, 3}, true)),
        zoo("DenseNet-121", DenseNet121Net.PARAMETER_COUNT, DenseNet121Net.MACS, 7_978_856, 2.87,
            ZooArchitectures::denseNet121));
  }

  private static Arguments zoo(String name, long parameters, long macs, long published, double publishedGmacs,
                               Supplier<Arch> architecture) {
    return Arguments.of(name, parameters, macs, published, publishedGmacs, architecture);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void countsMatchThePublishedArchitecture(String name, long parameters, long macs, long published,
                                           double publishedGmacs, Supplier<Arch> architecture) {
    Arch tally = architecture.get();
    assertEquals(published, parameters, name + ": parameters");
    assertEquals(tally.parameters, parameters, name + ": parameters against the independent tally");
    assertEquals(tally.macs, macs, name + ": multiply-accumulates against the independent tally");
    if (!Double.isNaN(publishedGmacs)) {
      double gmacs = macs / 1e9;
      assertTrue(Math.abs(gmacs - publishedGmacs) <= 0.02 * publishedGmacs,
          name + ": " + gmacs + " GMACs, published " + publishedGmacs);
    }
    System.out.printf("%s: %,d parameters, %,d MACs (%.3f G)%n", name, parameters, macs, macs / 1e9);
  }
}
