package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convnet.processor.diag.Message.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnostics of the declaration form, the graph, options, shapes and connection tables through javac: each case
 * names the {@link dev.convnet.processor.diag.Message} it expects, and gets exactly one error (or warning) of it, with
 * the expected facts, on the line of the offending annotation value, parameter or method. The layers that combine,
 * normalize or repeat others (and blocks) are in {@link GraphLayerDiagnosticsTest}; {@link MessageCoverageTest} keeps
 * every message covered.
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

  /** The interface {@code Net} with {@code members}, annotated {@code at} (e.g. {@code @Network(className = ...)}). */
  private static String network(String at, String members) {
    return at + " public interface Net {\n" + members + "}\n";
  }

  static Stream<DiagnosticCase> errors() {
    return Stream.of(
        // ------------------------------------------------------------------ declaration form
        DiagnosticCase.of("a class instead of an interface", NOT_AN_INTERFACE,
            "@Network public abstract class Net {}\n",
            "[cnn:declaration] @Network must annotate an interface, not a class", "class Net"),
        DiagnosticCase.of("a generic interface", GENERIC_NETWORK, "@Network public interface Net<T> {}\n",
            "[cnn:declaration] a @Network interface cannot have type parameters", "interface Net"),
        DiagnosticCase.of("a private nested interface", PRIVATE_NESTED_NETWORK, "public class Net {\n"
                + "  @Network private interface Inner {\n"
                + "    @Input(height = 4, width = 4) Tensor input();\n"
                + "    @Output @Dense(units = 2) Tensor out(Tensor input);\n  }\n}\n",
            "[cnn:declaration] a @Network interface nested in a class must be accessible", "private interface Inner"),
        DiagnosticCase.of("a className that is not a Java name", BAD_CLASS_NAME, network(
                "@Network(className = \"my net\")", "  @Input(height = 4, width = 4) Tensor input();\n"
                    + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n"),
            "[cnn:declaration] className \"my net\" is not a Java class name", "className = \"my net\""),
        DiagnosticCase.of("the interface's own name as className", CLASS_NAME_CLASH, network(
                "@Network(className = \"Net\")", "  @Input(height = 4, width = 4) Tensor input();\n"
                    + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n"),
            "className \"Net\" makes the generated class Net, the name of the @Network interface itself",
            "className = \"Net\""),
        DiagnosticCase.of("two networks with one className", CANNOT_WRITE, network(
                "@Network(className = \"Shared\")", "  @Input(height = 4, width = 4) Tensor input();\n"
                    + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n")
                + "@Network(precision = Precision.FLOAT32, className = \"Shared\") interface Other {\n"
                + "  @Input(height = 4, width = 4) Tensor input();\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n}\n",
            "[cnn:declaration] cannot write the generated class test.Shared", "Precision.FLOAT32, className"),
        DiagnosticCase.of("a method without a layer annotation", NO_LAYER_ANNOTATION, net(
                "  Tensor helper(Tensor input);\n  @Output @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:declaration] method 'helper' has no layer annotation", "Tensor helper"),
        DiagnosticCase.of("two layer annotations", TWO_LAYER_ANNOTATIONS, net(
                "  @Output @Dense(units = 3) @Activate(TANH) Tensor out(Tensor input);\n"),
            "[cnn:declaration] method 'out' has two layer annotations, @Dense and @Activate", "Tensor out("),
        DiagnosticCase.of("wrong return type", WRONG_RETURN_TYPE, net(
                "  @Output @Dense(units = 3) int out(Tensor input);\n"),
            "[cnn:declaration] layer 'out' returns int", "int out"),
        DiagnosticCase.of("wrong parameter type", WRONG_PARAMETER_TYPE, net(
                "  @Output @Dense(units = 3) Tensor out(String input);\n"),
            "[cnn:declaration] input 'input' of layer 'out' has type java.lang.String", "String input"),
        DiagnosticCase.of("a generic layer method", GENERIC_METHOD, net(
                "  @Output @Dense(units = 3) <T> Tensor out(Tensor input);\n"),
            "[cnn:declaration] layer 'out' has type parameters", "Tensor out("),
        DiagnosticCase.of("an overloaded layer name", OVERLOADED, net(
                "  @Dense(units = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor a);\n"
                    + "  @Dense(units = 2) Tensor a(Tensor input, Tensor out);\n"),
            "[cnn:declaration] two methods are named 'a'", "Tensor a(Tensor input, Tensor out)"),
        DiagnosticCase.of("names that make the same constant", CONSTANT_CLASH, net(
                "  @Activate(TANH) Tensor fooBar(Tensor input);\n"
                    + "  @Activate(RELU) Tensor foo_bar(Tensor fooBar);\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor foo_bar);\n"),
            "layer names 'fooBar' and 'foo_bar' both become the constant FOO_BAR", "Tensor foo_bar("),
        DiagnosticCase.of("a value javac cannot resolve", UNREADABLE, net(
                "  @Output @Conv(filters = 1, kernel = UNKNOWN) Tensor c(Tensor input);\n"),
            "[cnn:declaration] layer 'c': cannot read kernel", "kernel = UNKNOWN").besideJavacError("UNKNOWN"),

        // ------------------------------------------------------------------ graph
        DiagnosticCase.of("no input layer", NO_INPUT, "@Network public interface Net {\n"
                + "  @Output @Dense(units = 3) Tensor out(Tensor x);\n}\n",
            "[cnn:graph] the network has no input layer", "@Network"),
        DiagnosticCase.of("two input layers", TWO_INPUTS, net(
                "  @Input(height = 3, width = 3) Tensor second();\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:graph] the network has a second input layer 'second' (the first is 'input')", "Tensor second()"),
        DiagnosticCase.of("no output", NO_OUTPUT, net("  @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:graph] the network has no output", "@Network"),
        DiagnosticCase.of("two outputs", TWO_OUTPUTS, net(
                "  @Output @Dense(units = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor b(Tensor a);\n"),
            "[cnn:graph] layer 'b' is marked @Output, but so is 'a'", "Tensor b(Tensor a)"),
        DiagnosticCase.of("@Output on the input", OUTPUT_ON_INPUT, "@Network public interface Net {\n"
                + "  @Output\n  @Input(height = 3, width = 3) Tensor input();\n"
                + "  @dev.convnet.annotations.Output @Dense(units = 3) Tensor out(Tensor input);\n}\n",
            "[cnn:graph] @Output is on the input layer 'input'", "@Output"),
        DiagnosticCase.of("an input layer reading another", INPUT_WITH_PARAMETERS, "@Network public interface Net {\n"
                + "  @Input(height = 3, width = 3) Tensor input(Tensor out);\n"
                + "  @Output @Dense(units = 3) Tensor out(Tensor input);\n}\n",
            "[cnn:graph] input layer 'input' reads from other layers", "Tensor input(Tensor out)"),
        DiagnosticCase.of("a layer reading nothing", NO_INPUTS, net("  @Output @Dense(units = 3) Tensor out();\n"),
            "[cnn:graph] layer 'out' (@Dense) reads from nothing", "Tensor out()"),
        DiagnosticCase.of("two inputs to a single-input layer", ARITY, net(
                "  @Dense(units = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor b(Tensor a, Tensor input);\n"),
            "[cnn:graph] layer 'b' (@Dense) takes exactly one input, but reads from 2", "Tensor b("),
        DiagnosticCase.of("unknown input name", UNKNOWN_INPUT, net(
                "  @Conv(filters = 2, kernel = 3) Tensor conv(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor cnov);\n"),
            "[cnn:graph] layer 'out' reads from 'cnov', but there is no layer of that name (did you mean 'conv'?)",
            "Tensor out(Tensor cnov)"),
        DiagnosticCase.of("a layer reading itself", SELF_INPUT, net(
                "  @Output @Dense(units = 3) Tensor out(Tensor out);\n"),
            "[cnn:graph] layer 'out' reads from itself", "Tensor out(Tensor out)"),
        DiagnosticCase.of("a cycle", CYCLE, net(
                "  @Dense(units = 3) Tensor a(Tensor b);\n"
                    + "  @Dense(units = 3) Tensor b(Tensor a);\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor b);\n"),
            "[cnn:graph] layers form a cycle: b → a → b", "Tensor b(Tensor a)"),

        // ------------------------------------------------------------------ options
        DiagnosticCase.of("zero filters", NOT_POSITIVE, net(
                "  @Output @Conv(filters = 0, kernel = 3) Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): filters = 0 must be positive", "filters = 0"),
        DiagnosticCase.of("a pool window of 0 (its stride is the window)", NOT_POSITIVE, net(
                "  @Output @MaxPool(window = {0, 2}) Tensor p(Tensor input);\n"),
            "[cnn:option] layer 'p' (@MaxPool): window = 0×2 must be positive", "window = {0, 2}"),
        DiagnosticCase.of("negative padding", NEGATIVE, net(
                "  @Output @Conv(filters = 1, kernel = 3, pad = -1) Tensor c(Tensor input);\n"),
            "pad = -1 must be zero or positive", "pad = -1"),
        DiagnosticCase.of("three kernel sizes", BAD_PAIR, net(
                "  @Output @Conv(filters = 1, kernel = {1, 2, 3}) Tensor c(Tensor input);\n"),
            "kernel has 3 numbers; give one number (both axes) or two {height, width}", "kernel = {1, 2, 3}"),
        DiagnosticCase.of("pad and padding", PAD_AND_PADDING, net(
                "  @Output @Conv(filters = 1, kernel = 3, padding = Padding.SAME, pad = 1) Tensor c(Tensor input);\n"),
            "gives both padding = SAME and pad", "pad = 1"),
        DiagnosticCase.of("SAME with an even kernel", SAME_PADDING_EVEN, net(
                "  @Output @Conv(filters = 1, kernel = 2, padding = Padding.SAME) Tensor c(Tensor input);\n"),
            "padding = SAME needs an odd kernel", "padding = Padding.SAME"),
        DiagnosticCase.of("SAME with a stride", SAME_WITH_STRIDE, net(
                "  @Output @Conv(filters = 1, kernel = 3, padding = Padding.SAME,\n      stride = 2)\n"
                    + "  Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): padding = SAME keeps the size only with stride 1, but the stride is 2",
            "padding = Padding.SAME"),
        DiagnosticCase.of("pool padding over half the window", POOL_PAD_TOO_LARGE, net(
                "  @Output @MaxPool(window = 2, pad = 2) Tensor p(Tensor input);\n"),
            "[cnn:option] layer 'p' (@MaxPool): pad 2 is more than half the window 2×2", "pad = 2"),
        DiagnosticCase.of("output padding too large", OUTPUT_PAD_TOO_LARGE, net(
                "  @Output @TransposedConv(filters = 1, kernel = 3, stride = 2, outputPad = 2)\n"
                    + "  Tensor t(Tensor input);\n"),
            "outputPad 2 must be smaller than the stride 2", "outputPad = 2"),
        DiagnosticCase.of("softmax on a hidden layer", SOFTMAX_NOT_OUTPUT, net(
                "  @Dense(units = 4, activation = SOFTMAX) Tensor a(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor b(Tensor a);\n"),
            "uses SOFTMAX, which is allowed on the output layer only", "activation = SOFTMAX"),
        DiagnosticCase.of("negative leaky slope", LEAKY_SLOPE, net(
                "  @Output @Dense(units = 4, activation = LEAKY_RELU, slope = -0.5) Tensor a(Tensor input);\n"),
            "slope -0.5 must be ≥ 0", "slope = -0.5"),
        DiagnosticCase.of("too many parameters", PARAMETERS_TOO_LARGE, net(
                "  @Output @Dense(units = 2147483000) Tensor out(Tensor input);\n"),
            "[cnn:option] layer 'out': the network's parameter count (259845443000) is too large", "Tensor out("),
        DiagnosticCase.of("an input too large for an array", OUTPUT_TOO_LARGE, "@Network public interface Net {\n"
                + "  @Input(channels = 3, height = 65536, width = 65536) Tensor input();\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor input);\n}\n",
            "[cnn:option] layer 'input': its output size 3×65536×65536 (12884901888) is too large", "@Input("),
        DiagnosticCase.of("a padded input too large for an array", PADDED_INPUT_TOO_LARGE, net(
                "  @Output @Conv(filters = 1, kernel = 1, pad = 2000000000) Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c': its padded input 1×4000000012×4000000010", "pad = 2000000000"),
        DiagnosticCase.of("an uncropped output too large for an array", UNCROPPED_TOO_LARGE, net(
                "  @Output @TransposedConv(filters = 1, kernel = 2, stride = 2147483647) Tensor t(Tensor input);\n"),
            "[cnn:option] layer 't': its uncropped output", "stride = 2147483647"),

        // ------------------------------------------------------------------ shapes and tables
        DiagnosticCase.of("kernel larger than its padded input", KERNEL_TOO_LARGE, net(
                "  @Output @Conv(filters = 2, kernel = 11) Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): the 11×11 kernel does not fit its input: 'input' gives 1×12×10",
            "kernel = 11"),
        DiagnosticCase.of("pool window larger than its input", WINDOW_TOO_LARGE, net(
                "  @Output @MaxPool(window = 13) Tensor p(Tensor input);\n"),
            "[cnn:shape] layer 'p' (@MaxPool): the 13×13 window does not fit its input: 'input' gives 1×12×10",
            "window = 13"),
        DiagnosticCase.of("an empty output", EMPTY_OUTPUT, net(
                "  @Output @TransposedConv(filters = 1, kernel = 1, pad = 6) Tensor t(Tensor input);\n"),
            "[cnn:shape] layer 't' (@TransposedConv): its input 'input' (1×12×10) gives an empty output",
            "Tensor t("),
        DiagnosticCase.of("conv after dense", NEEDS_MAP, net(
                "  @Dense(units = 8) Tensor d(Tensor input);\n"
                    + "  @Output @Conv(filters = 2, kernel = 3) Tensor c(Tensor d);\n"),
            "[cnn:shape] layer 'c' (@Conv) needs a feature map", "Tensor c(Tensor d)"),
        DiagnosticCase.of("table with the wrong number of rows", TABLE_ROWS, net(
                "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\"}) Tensor b(Tensor a);\n"),
            "[cnn:table] layer 'b' (@Conv): the connection table has 1 row, but its input 'a' has 2 maps",
            "table = {"),
        DiagnosticCase.of("table row of the wrong length", TABLE_COLUMNS, net(
                "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\", \"X.\"}) Tensor b(Tensor a);\n"),
            "row 1 (numbered from 0) of the connection table has 2 marks, but the layer has 3 filters", "table = {"),
        DiagnosticCase.of("table output map without input", TABLE_EMPTY_OUTPUT, net(
                "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Conv(filters = 3, kernel = 3, table = {\"XX.\", \"X..\"}) Tensor b(Tensor a);\n"),
            "[cnn:table] layer 'b' (@Conv): output map [2] (numbered from 0) of the connection table has no input",
            "table = {"),
        DiagnosticCase.of("table with a bad character", TABLE_CHARACTER, net(
                "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Conv(filters = 2, kernel = 3, table = {\"X-\", \"XX\"}) Tensor b(Tensor a);\n"),
            "has '-' at column 1", "table = {"));
  }

  static Stream<DiagnosticCase> warnings() {
    return Stream.of(
        DiagnosticCase.of("a stride that drops a row and a column", STRIDE_DROPS, net(
                "  @Output @Conv(filters = 1, kernel = 3, stride = 2) Tensor c(Tensor input);\n"),
            "[cnn:stride] layer 'c' (@Conv): with stride 2 over the 1×12×10 input from 'input', the last row and"
                + " column of the input are never read", "stride = 2"),
        DiagnosticCase.of("a layer the output does not read", UNREACHABLE, net(
                "  @Dense(units = 3) Tensor unused(Tensor input);\n"
                    + "  @Output @Dense(units = 3) Tensor out(Tensor input);\n"),
            "[cnn:graph] layer 'unused' does not contribute to the output 'out'", "Tensor unused("),
        DiagnosticCase.of("a table row without outputs", TABLE_UNUSED_INPUT, net(
                "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                    + "  @Output @Conv(filters = 2, kernel = 3, table = {\"XX\", \"..\"}) Tensor b(Tensor a);\n"),
            "[cnn:table] layer 'b' (@Conv): input map [1] (numbered from 0) of the connection table feeds no output",
            "table = {"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invalidDeclarationGetsExactlyOneErrorOfItsMessageAtTheRightLine(DiagnosticCase c) {
    c.assertReported();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void doubtfulDeclarationGetsExactlyOneWarningOfItsMessageAndStillGenerates(DiagnosticCase c) {
    c.assertReported();
  }

  @Test
  void aWarningStillGeneratesTheNetwork() {
    Compilation c = compile(source("Net", net("  @Output @Conv(filters = 1, kernel = 3, stride = 2) Tensor c(Tensor"
        + " input);\n")));
    assertThat(c).succeeded();
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
    assertEquals(1, c.errors().size(), DiagnosticCase.texts(c.errors()).toString());
    DiagnosticCase.assertMatches(KERNEL_TOO_LARGE, c.errors().get(0).getMessage(null));
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

}
