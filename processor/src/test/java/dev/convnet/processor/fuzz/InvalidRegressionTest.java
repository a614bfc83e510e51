package dev.convnet.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.processor.diag.Message;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid declarations the fuzzer found reported as internal errors (or not at all): each must now get exactly one
 * error inside the declaration, of the message named, and a valid sibling must still be generated.
 */
class InvalidRegressionTest {
  private static final String NET = "package fuzz;\nimport dev.convnet.annotations.*;\n"
      + "@Network(%s)\npublic interface %s {\n"
      + "  @Input(height = 3, width = 3) Tensor input();\n"
      + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n}\n";

  private static NetSpec sibling() {
    NetSpec n = new NetSpec("Sibling");
    n.channels = 1;
    n.height = 2;
    n.width = 3;
    LayerSpec d = new LayerSpec(LayerSpec.Kind.DENSE, "out", "input");
    d.units = 2;
    n.layers.add(d);
    n.relink();
    return n;
  }

  private static void assertReported(String name, String source, Message... expected) throws IOException {
    List<String> failures = InvalidFuzzTest.check(List.of(new InvalidGenerator.Case(name, source, "regression",
        Set.of(expected))), sibling());
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  /** JavaPoet threw "not a valid name: my net", reported as [cnn:internal]. */
  @ParameterizedTest
  @ValueSource(strings = {"my net", "1Net", "a.b", "class", "true", "Net-1", " ", "N\\u0000"})
  void classNameThatIsNotAJavaName(String className) throws IOException {
    assertReported("BadName", String.format(NET, "className = \"" + className + "\"", "BadName"),
        Message.BAD_CLASS_NAME);
  }

  /** The generated class had the interface's own name: "[cnn:internal] cannot write ... Attempt to recreate". */
  @Test
  void classNameOfTheInterfaceItself() throws IOException {
    assertReported("Same", String.format(NET, "className = \"Same\"", "Same"), Message.CLASS_NAME_CLASH);
  }

  /** The float64 twin {@code className + "64"} had the interface's name. */
  @Test
  void float64TwinNamedLikeTheInterface() throws IOException {
    assertReported("Twin64", String.format(NET, "className = \"Twin\", precision = Precision.FLOAT64", "Twin64"),
        Message.CLASS_NAME_CLASH);
  }

  /** Two networks with one className (in one file): the second cannot be written; a tagged error on it. */
  @Test
  void twoNetworksWithTheSameClassName() throws IOException {
    String second = String.format(NET, "className = \"Shared\"", "Second").replace("public interface", "interface");
    assertReported("First", String.format(NET, "className = \"Shared\"", "First")
        + second.substring(second.indexOf("@Network")), Message.CANNOT_WRITE);
  }

  private static String net(String name, String layers) {
    return "package fuzz;\nimport dev.convnet.annotations.*;\n@Network\npublic interface " + name + " {\n"
        + layers + "}\n";
  }

  /**
   * Sizes that overflowed int (or long) arithmetic and wrapped around into plausible ones, so that no error was
   * reported: 3×2147483647×2147483647 values, a kernel spanning 2^24·(2^24 − 1) + 1 rows, a padding of 2^31 − 1.
   */
  static Stream<Arguments> hugeSizes() {
    return Stream.of(
        Arguments.of(Message.OUTPUT_TOO_LARGE,
            "  @Input(channels = 3, height = 2147483647, width = 2147483647) Tensor input();\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n"),
        Arguments.of(Message.KERNEL_TOO_LARGE,
            "  @Input(channels = 3, height = 8, width = 8) Tensor input();\n"
                + "  @Conv(filters = 1, kernel = {16777216, 1}, dilation = {16777216, 1}) Tensor bad(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bad);\n"),
        Arguments.of(Message.PADDED_INPUT_TOO_LARGE,
            "  @Input(channels = 2, height = 9, width = 9) Tensor input();\n"
                + "  @Conv(filters = 2, kernel = 1, pad = 2147483647) Tensor bad(Tensor input);\n"
                + "  @Output @L2Pool(window = 3) Tensor out(Tensor bad);\n"),
        Arguments.of(Message.UNCROPPED_TOO_LARGE,
            "  @Input(channels = 1, height = 3, width = 3) Tensor input();\n"
                + "  @TransposedConv(filters = 1, kernel = 2, stride = 2147483647) Tensor bad(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bad);\n"),
        Arguments.of(Message.PADDED_INPUT_TOO_LARGE,
            "  @Input(channels = 1, height = 3, width = 3) Tensor input();\n"
                + "  @Conv(filters = 1, kernel = 1, stride = 2147483647, pad = 1073741824) Tensor bad(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bad);\n"),
        Arguments.of(Message.PARAMETERS_TOO_LARGE,
            "  @Input(channels = 1, height = 3, width = 3) Tensor input();\n"
                + "  @MaxPool(window = 2, stride = 2147483647, edge = Edge.CEIL) Tensor p(Tensor input);\n"
                + "  @Dense(units = 2147483000) Tensor a(Tensor p);\n"
                + "  @Dense(units = 2147483000) Tensor b(Tensor a);\n"
                + "  @Dense(units = 2147483000) Tensor c(Tensor b);\n"
                + "  @Output @Dense(units = 2147483000) Tensor out(Tensor c);\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeSizes")
  void hugeSizesAreReportedNotWrappedAround(Message expected, String layers) throws IOException {
    assertReported("Huge", net("Huge", layers), expected);
  }}
