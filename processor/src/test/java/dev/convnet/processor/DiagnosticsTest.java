package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagnostic of the processor, through javac: its text (tag, layer, what came in, what was expected) and the
 * line it points at (the offending annotation value, parameter or method).
 */
class DiagnosticsTest {
  private static final String HEADER = "package test;\n"
      + "import dev.convnet.annotations.*;\n"
      + "import static dev.convnet.annotations.Activation.*;\n";

  static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("test." + name, HEADER + body);
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new NetworkProcessor()).compile(sources);
  }

  /** A network: input 1×12×10, then {@code layers}, which must end in an @Output layer. */
  private static String net(String layers) {
    return "@Network public interface Net {\n"
        + "  @Input(channels = 1, height = 12, width = 10) Tensor input();\n" + layers + "}\n";
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("kernel larger than its padded input", net(
            "  @Output @Conv(filters = 2, kernel = 11) Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): the 11×11 kernel does not fit its input: 'input' gives 1×12×10",
            "kernel = 11"),
        Arguments.of("conv after dense", net(
            "  @Dense(units = 8) Tensor d(Tensor input);\n"
                + "  @Output @Conv(filters = 2, kernel = 3) Tensor c(Tensor d);\n"),
            "[cnn:shape] layer 'c' (@Conv) needs a feature map", "Tensor c(Tensor d)"),
        Arguments.of("table with the wrong number of rows", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\"}) Tensor b(Tensor a);\n"),
            "[cnn:table] layer 'b' (@Conv): the connection table has 1 row, but its input 'a' has 2 maps",
            "table = {"),
        Arguments.of("table row of the wrong length", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\", \"X.\"}) Tensor b(Tensor a);\n"),
            "row 1 (numbered from 0) of the connection table has 2 marks, but the layer has 3 filters", "table = {"),
        Arguments.of("table output map without input", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\", \"X..\"}) Tensor b(Tensor a);\n"),
            "[cnn:table] layer 'b' (@Conv): output map [2] (numbered from 0) of the connection table has no input", "table = {"),
        Arguments.of("table with a bad character", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 2, kernel = 3, table = {\"X-\", \"XX\"}) Tensor b(Tensor a);\n"),
            "has '-' at column 1", "table = {"),
        Arguments.of("unknown input name", net(
            "  @Conv(filters = 2, kernel = 3) Tensor conv(Tensor input);\n"
                + "  @Output @Dense(units = 3) Tensor out(Tensor cnov);\n"),
            "[cnn:graph] layer 'out' reads from 'cnov', but there is no layer of that name (did you mean 'conv'?)",
            "Tensor out(Tensor cnov)"),
        Arguments.of("a cycle", net(
            "  @Dense(units = 3) Tensor a(Tensor b);\n"
                + "  @Dense(units = 3) Tensor b(Tensor a);\n"
                + "  @Output @Dense(units = 3) Tensor out(Tensor b);\n"),
            "[cnn:graph] layers form a cycle: b → a → b", "Tensor b(Tensor a)"),
        Arguments.of("no output", net("  @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:graph] the network has no output", "@Network"),
        Arguments.of("two outputs", net(
            "  @Output @Dense(units = 3) Tensor a(Tensor input);\n"
                + "  @Output @Dense(units = 3) Tensor b(Tensor a);\n"),
            "[cnn:graph] layer 'b' is marked @Output, but so is 'a'", "Tensor b(Tensor a)"),
        Arguments.of("no input layer", "@Network public interface Net {\n"
                + "  @Output @Dense(units = 3) Tensor out(Tensor x);\n}\n",
            "[cnn:graph]", "Tensor out"),
        Arguments.of("two inputs to a single-input layer", net(
            "  @Dense(units = 3) Tensor a(Tensor input);\n"
                + "  @Output @Dense(units = 3) Tensor b(Tensor a, Tensor input);\n"),
            "[cnn:graph] layer 'b' (@Dense) takes exactly one input, but reads from 2", "Tensor b("),
        Arguments.of("zero filters", net("  @Output @Conv(filters = 0, kernel = 3) Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): filters = 0 must be positive", "filters = 0"),
        Arguments.of("negative padding", net("  @Output @Conv(filters = 1, kernel = 3, pad = -1) Tensor c(Tensor input);\n"),
            "pad = -1 must be zero or positive", "pad = -1"),
        Arguments.of("three kernel sizes", net("  @Output @Conv(filters = 1, kernel = {1, 2, 3}) Tensor c(Tensor input);\n"),
            "kernel has 3 numbers; give one number (both axes) or two {height, width}", "kernel = {1, 2, 3}"),
        Arguments.of("pad and padding", net(
            "  @Output @Conv(filters = 1, kernel = 3, padding = Padding.SAME, pad = 1) Tensor c(Tensor input);\n"),
            "gives both padding = SAME and pad", "pad = 1"),
        Arguments.of("SAME with an even kernel", net(
            "  @Output @Conv(filters = 1, kernel = 2, padding = Padding.SAME) Tensor c(Tensor input);\n"),
            "padding = SAME needs an odd kernel", "padding = Padding.SAME"),
        Arguments.of("pool padding over half the window", net("  @Output @MaxPool(window = 2, pad = 2) Tensor p(Tensor input);\n"),
            "[cnn:option] layer 'p' (@MaxPool): pad 2 is more than half the window 2×2", "pad = 2"),
        Arguments.of("output padding too large", net(
            "  @Output @TransposedConv(filters = 1, kernel = 3, stride = 2, outputPad = 2) Tensor t(Tensor input);\n"),
            "outputPad 2 must be smaller than the stride 2", "outputPad = 2"),
        Arguments.of("softmax on a hidden layer", net(
            "  @Dense(units = 4, activation = SOFTMAX) Tensor a(Tensor input);\n"
                + "  @Output @Dense(units = 3) Tensor b(Tensor a);\n"),
            "uses SOFTMAX, which is allowed on the output layer only", "activation = SOFTMAX"),
        Arguments.of("negative leaky slope", net(
            "  @Output @Dense(units = 4, activation = LEAKY_RELU, slope = -0.5) Tensor a(Tensor input);\n"),
            "slope -0.5 must be ≥ 0", "slope = -0.5"),
        Arguments.of("a method without a layer annotation", net(
            "  Tensor helper(Tensor input);\n  @Output @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:declaration] method 'helper' has no layer annotation", "Tensor helper"),
        Arguments.of("wrong return type", net("  @Output @Dense(units = 3) int out(Tensor input);\n"),
            "[cnn:declaration] layer 'out' returns int", "int out"),
        Arguments.of("wrong parameter type", net("  @Output @Dense(units = 3) Tensor out(String input);\n"),
            "[cnn:declaration] input 'input' of layer 'out' has type java.lang.String", "String input"),
        Arguments.of("a class instead of an interface", "@Network public abstract class Net {}\n",
            "[cnn:declaration] @Network must annotate an interface, not a class", "class Net"),
        Arguments.of("a generic interface", "@Network public interface Net<T> {}\n",
            "[cnn:declaration] a @Network interface cannot have type parameters", "interface Net"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invalidDeclarationGetsOneClearErrorAtTheRightElement(String what, String body, String message,
                                                            String line) {
    JavaFileObject src = source("Net", body);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(message).inFile(src).onLineContaining(line);
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertTrue(d.getMessage(null).startsWith("[cnn:"), "untagged error: " + d.getMessage(null));
    }
  }

  @Test
  void strideThatDropsRowsIsAWarningAndStillGenerates() {
    JavaFileObject src = source("Net", net("  @Output @Conv(filters = 1, kernel = 3, stride = 2) Tensor c(Tensor input);\n"));
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[cnn:stride] layer 'c' (@Conv): with stride 2 over the 1×12×10 input from "
        + "'input', the last row and column of the input are never read").inFile(src).onLineContaining("stride = 2");
    assertThat(c).generatedSourceFile("test.NetNet");
  }

  @Test
  void validLeNet5GeneratesReadableSourceWithTheSeedsCounts() throws Exception {
    JavaFileObject src = source("LeNet5", "@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})\n"
        + "public interface LeNet5 {\n"
        + "  @Input(channels = 1, height = 32, width = 32) Tensor input();\n"
        + "  @Conv(filters = 6, kernel = 5, activation = TANH) Tensor c1(Tensor input);\n"
        + "  @Subsampling(window = 2, activation = TANH) Tensor s2(Tensor c1);\n"
        + "  @Conv(filters = 16, kernel = 5, activation = TANH, table = {\"X...XXX..XXXX.XX\", \"XX...XXX..XXXX.X\","
        + " \"XXX...XXX..X.XXX\", \".XXX..XXXX..X.XX\", \"..XXX..XXXX.XX.X\", \"...XXX..XXXX.XXX\"})\n"
        + "  Tensor c3(Tensor s2);\n"
        + "  @Subsampling(window = 2, activation = TANH) Tensor s4(Tensor c3);\n"
        + "  @Conv(filters = 120, kernel = 5, activation = TANH) Tensor c5(Tensor s4);\n"
        + "  @Dense(units = 84, activation = TANH) Tensor f6(Tensor c5);\n"
        + "  @Output @Dense(units = 10) Tensor out(Tensor f6);\n}\n");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    String code = c.generatedSourceFile("test.LeNet5Net").orElseThrow().getCharContent(true).toString();
    assertThat(c).generatedSourceFile("test.LeNet5Net64");
    assertTrue(code.contains("@Generated"));
    assertFalse(code.matches("(?s).*20\\d\\d-\\d\\d-\\d\\d.*"), "no timestamps in generated code");
    for (String row : new String[] {"156        122,304", "12          5,880", "1,516        151,600",
        "32          2,000", "48,120         48,120", "10,164         10,164"}) {
      assertTrue(code.contains(row), "summary row " + row);
    }
    assertTrue(code.contains("// map 0 ← s2 [0, 1, 2]"), "connection table compiled to straight-line code");
  }

  @Test
  void anInvalidNetworkDoesNotStopItsValidSibling() throws Exception {
    JavaFileObject bad = source("Bad", "@Network public interface Bad {\n"
        + "  @Input(height = 4, width = 4) Tensor input();\n"
        + "  @Output @Conv(filters = 1, kernel = 5) Tensor c(Tensor input);\n}\n");
    JavaFileObject good = source("Good", "@Network public interface Good {\n"
        + "  @Input(height = 4, width = 4) Tensor input();\n"
        + "  @Output @Dense(units = 2) Tensor d(Tensor input);\n}\n");
    Compilation c = compile(bad, good);
    assertThat(c).hadErrorContaining("[cnn:shape] layer 'c'").inFile(bad).onLineContaining("kernel = 5");
    // compile-testing hides generated files of a failed compilation: run javac itself into a directory.
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sibling");
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    try (javax.tools.StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
          java.util.List.of("-proc:only", "-s", dir.toString(), "-classpath", System.getProperty("java.class.path")),
          null, java.util.List.of(bad, good));
      task.setProcessors(java.util.List.of(new NetworkProcessor()));
      assertFalse(task.call());
    }
    assertTrue(java.nio.file.Files.exists(dir.resolve("test/GoodNet.java")), "the valid sibling is generated");
    assertFalse(java.nio.file.Files.exists(dir.resolve("test/BadNet.java")));
  }

  @Test
  void unresolvableValuesNeverCrashTheProcessor() {
    JavaFileObject src = source("Net", net("  @Output @Conv(filters = 1, kernel = UNKNOWN) Tensor c(Tensor input);\n"));
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("UNKNOWN");
  }
}
