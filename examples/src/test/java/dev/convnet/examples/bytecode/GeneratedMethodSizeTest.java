package dev.convnet.examples.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.AlexNetNet;
import dev.convnet.examples.zoo.AlexNetTorchvisionNet;
import dev.convnet.examples.zoo.AlexNetTwoTowersNet;
import dev.convnet.examples.zoo.DenseNet121Net;
import dev.convnet.examples.zoo.GoogLeNetNet;
import dev.convnet.examples.zoo.ResNet18Net;
import dev.convnet.examples.zoo.ResNet50Net;
import dev.convnet.examples.zoo.Vgg16Net;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never JIT-compiles a method over 8,000 bytes of bytecode (and javac rejects one over 64 KB): every method
 * of every generated network of the examples, main and test, must stay under that.
 */
class GeneratedMethodSizeTest {
  static final int HUGE_METHOD_LIMIT = 8000;

  /** The zoo's full-size networks, the largest generated classes: the scan must reach every one. */
  static final List<Class<?>> ZOO = List.of(AlexNetNet.class, AlexNetTwoTowersNet.class,
      AlexNetTorchvisionNet.class, Vgg16Net.class, GoogLeNetNet.class, ResNet18Net.class, ResNet50Net.class,
      DenseNet121Net.class);

  @Test
  void noGeneratedMethodExceedsTheJitLimit() throws Exception {
    List<Class<?>> networks = generatedNetworks();
    assertTrue(networks.size() >= 10, "found only " + networks);
    assertTrue(networks.stream().anyMatch(c -> c.getSimpleName().equals("LeNet5Net")), "LeNet5Net not found");
    for (Class<?> zoo : ZOO) {
      assertTrue(networks.contains(zoo), zoo.getSimpleName() + " not found");
    }
    StringBuilder report = new StringBuilder();
    int largest = 0;
    String largestName = "";
    int variants = 0;
    for (Class<?> network : networks) {
      // the class and its nested classes (the layers' Vector API variant, VectorVariant)
      List<String> files = new ArrayList<>(List.of(network.getSimpleName()));
      for (Class<?> nested : network.getDeclaredClasses()) {
        files.add(network.getSimpleName() + "$" + nested.getSimpleName());
        variants += nested.getSimpleName().equals("VectorVariant") ? 1 : 0;
      }
      for (String file : files) {
        try (InputStream in = network.getResourceAsStream(file + ".class")) {
          for (Map.Entry<String, Integer> m : MethodSizes.of(in).entrySet()) {
            if (m.getValue() > largest) {
              largest = m.getValue();
              largestName = file + "." + m.getKey();
            }
            if (m.getValue() > HUGE_METHOD_LIMIT) {
              report.append(file).append('.').append(m.getKey()).append(": ").append(m.getValue())
                  .append(" bytes\n");
            }
          }
        }
      }
    }
    assertTrue(variants >= 5, "the scan reached " + variants + " Vector API variants");
    assertEquals("", report.toString(), "methods over " + HUGE_METHOD_LIMIT + " bytes of bytecode");
    System.out.println("largest generated method: " + largestName + " = " + largest + " bytes");
  }

  @Test
  void theReaderMeasuresRealCode() throws IOException {
    try (InputStream in = MethodSizes.class.getResourceAsStream("MethodSizes.class")) {
      Map<String, Integer> sizes = MethodSizes.of(in);
      assertTrue(sizes.keySet().stream().anyMatch(k -> k.startsWith("of(")), sizes.toString());
      assertTrue(sizes.values().stream().anyMatch(v -> v > 100), sizes.toString());
    }
  }

  /** Every class under dev/convnet/examples (main and test output) that implements a compiled network. */
  static List<Class<?>> generatedNetworks() throws IOException, URISyntaxException, ClassNotFoundException {
    List<Class<?>> found = new ArrayList<>();
    Enumeration<URL> roots = GeneratedMethodSizeTest.class.getClassLoader().getResources("dev/convnet/examples");
    while (roots.hasMoreElements()) {
      URL url = roots.nextElement();
      if (!url.getProtocol().equals("file")) {
        continue;
      }
      Path root = Paths.get(url.toURI());
      Path base = root.getParent().getParent().getParent();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          String name = base.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
          Class<?> c = Class.forName(name, false, GeneratedMethodSizeTest.class.getClassLoader());
          if (CompiledNetwork.class.isAssignableFrom(c) || CompiledNetwork64.class.isAssignableFrom(c)) {
            found.add(c);
          }
        }
      }
    }
    return found;
  }
}
