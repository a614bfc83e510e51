package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnostics of issue 6's layers (Add, Concat, BatchNorm, Dropout, LocalResponseNorm, grouped and frozen
 * convolutions, RBF, blocks) through javac: each invalid declaration gets exactly one error, tagged, with the
 * expected text, on the line of the offending value (a block's layers: on the line of the block's use), and never an
 * internal error.
 */
class DiagnosticsIssue6Test {
  /** A network: input 1×12×10, then {@code layers}, which must end in an @Output layer; then {@code after}. */
  private static String net(String layers, String after) {
    return "@Network public interface Net {\n"
        + "  @Input(channels = 1, height = 12, width = 10) Tensor input();\n" + layers + "}\n" + after;
  }

  private static String net(String layers) {
    return net(layers, "");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("add of different shapes", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Conv(filters = 3, kernel = 3) Tensor b(Tensor input);\n"
                + "  @Conv(filters = 2, kernel = 1) Tensor c(Tensor input);\n"
                + "  @Output @Add Tensor sum(Tensor a, Tensor b, Tensor c);\n"),
            "[cnn:shape] layer 'sum' (@Add) adds inputs of different shapes: 'a' 2×10×8, 'b' 3×10×8, 'c' 2×12×10;",
            "Tensor sum("),
        Arguments.of("add of a map and a vector", net(
            "  @Dense(units = 120) Tensor d(Tensor input);\n"
                + "  @Output @Add Tensor sum(Tensor input, Tensor d);\n"),
            "adds inputs of different shapes: 'input' 1×12×10, 'd' vector of 120", "Tensor sum("),
        Arguments.of("concat of different heights", net(
            "  @Conv(filters = 2, kernel = {3, 1}, pad = {0, 0}) Tensor a(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor input, Tensor a);\n"),
            "[cnn:shape] layer 'cat' (@Concat) concatenates inputs of different heights and widths: 'input' 1×12×10,"
                + " 'a' 2×10×10;", "Tensor cat("),
        Arguments.of("concat of different widths", net(
            "  @Conv(filters = 2, kernel = {1, 3}) Tensor a(Tensor input);\n"
                + "  @Conv(filters = 3, kernel = 1) Tensor b(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor b, Tensor a);\n"),
            "concatenates inputs of different heights and widths: 'b' 3×12×10, 'a' 2×12×8;", "Tensor cat("),
        Arguments.of("concat of a map and a vector", net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor input, Tensor d);\n"),
            "'input' 1×12×10, 'd' vector of 4; every input must have the same height × width", "Tensor cat("),
        Arguments.of("add with one input", net("  @Output @Add(activation = RELU) Tensor sum(Tensor input);\n"),
            "[cnn:graph] layer 'sum' (@Add) combines two or more inputs, but reads from 1;", "Tensor sum("),
        Arguments.of("concat with one input", net("  @Output @Concat Tensor cat(Tensor input);\n"),
            "[cnn:graph] layer 'cat' (@Concat) combines two or more inputs, but reads from 1;", "Tensor cat("),
        Arguments.of("groups not dividing the channels", net(
            "  @Output @Conv(filters = 4, kernel = 3,\n      groups = 2)\n  Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): groups = 2 must divide both the input's 1 channels (from 'input') and"
                + " the 4 filters", "groups = 2"),
        Arguments.of("groups not dividing the filters", net(
            "  @Conv(filters = 4, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 3, kernel = 3,\n      groups = 2)\n  Tensor c(Tensor a);\n"),
            "groups = 2 must divide both the input's 4 channels (from 'a') and the 3 filters", "groups = 2"),
        Arguments.of("groups with a connection table", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 2, kernel = 3, table = {\"X.\", \".X\"},\n      groups = 2)\n"
                + "  Tensor c(Tensor a);\n"),
            "[cnn:option] layer 'c' (@Conv): groups = 2 must be 1 with a connection table", "groups = 2"),
        Arguments.of("frozen weights with a bias", net(
            "  @Output @Conv(filters = 1, kernel = 2, weights = {1, 2, 3, 4},\n      bias = true)\n"
                + "  Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): bias = true must be false for fixed kernels", "bias = true"),
        Arguments.of("frozen weights of the wrong count", net(
            "  @Output @Conv(filters = 2, kernel = 2, bias = false,\n      weights = {1, 2, 3, 4, 5})\n"
                + "  Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): weights has 5 values, but the 2 filters over 1 input maps (from"
                + " 'input', 1×12×10) with 2×2 kernels need 8 (or 4 for one shared kernel)", "weights = {1"),
        Arguments.of("rbf with too few prototypes", net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 3,\n      prototypes = {\"X.X.\", \"....\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): 3 units need 3 prototypes, but 2 are given", "prototypes = {"),
        Arguments.of("rbf prototype of the wrong length", net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 2,\n      prototypes = {\"X.X.\", \"XX...\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): prototype 1 (numbered from 0) has 5 characters, but the input 'd' (vector of 4) has 4"
                + " values", "prototypes = {"),
        Arguments.of("rbf prototype with a bad character", net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 2,\n      prototypes = {\"X.X.\", \"X-X.\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): prototype 1 (numbered from 0) has '-' at 1 (numbered from 0)", "prototypes = {"),
        Arguments.of("batch norm with eps 0", net(
            "  @BatchNorm(\n      eps = 0)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): eps = 0.0 must be positive", "eps = 0"),
        Arguments.of("batch norm with negative eps", net(
            "  @BatchNorm(\n      eps = -1e-5)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): eps = -1.0E-5 must be positive", "eps = -1e-5"),
        Arguments.of("batch norm with momentum over 1", net(
            "  @BatchNorm(\n      momentum = 1.5)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): momentum = 1.5 must be between 0 and 1", "momentum = 1.5"),
        Arguments.of("dropout rate 1", net(
            "  @Dropout(seed = 3,\n      rate = 1.0)\n  Tensor drop(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor drop);\n"),
            "[cnn:option] layer 'drop' (@Dropout): rate = 1.0 must be at least 0 and below 1", "rate = 1.0"),
        Arguments.of("local response norm of size 0", net(
            "  @LocalResponseNorm(alpha = 0.001,\n      size = 0)\n  Tensor lrn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor lrn);\n"),
            "[cnn:option] layer 'lrn' (@LocalResponseNorm): size = 0 must be positive", "size = 0"),
        Arguments.of("a block naming a class", net(
            "  @Output @Block(NotABlock.class) Tensor b(Tensor input);\n",
            "abstract class NotABlock {}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block(NotABlock.class) must name an interface declaring the"
                + " block's layers, not a class", "@Block(NotABlock.class)"),
        Arguments.of("a block naming an enum", net(
            "  @Output @Block(NotABlock.class) Tensor b(Tensor input);\n", "enum NotABlock { A }\n"),
            "@Block(NotABlock.class) must name an interface declaring the block's layers, not an enum",
            "@Block(NotABlock.class)"),
        Arguments.of("a block used with width 0", net(
            "  @Output @Block(value = One.class,\n      width = 0)\n  Tensor b(Tensor input);\n",
            "interface One {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block width = 0 and stride = 1 must both be at least 1",
            "@Block(value = One.class"),
        Arguments.of("a block layer named like an earlier layer", net(
            "  @Conv(filters = 1, kernel = 1) Tensor use_conv(Tensor input);\n"
                + "  @Block(Res.class)\n  Tensor use(Tensor use_conv);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Res {\n  @Conv(filters = 1, kernel = 1) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:declaration] two layers are named 'use_conv', one of them block Res's layer 'conv' in the use"
                + " 'use' (a block's layers are named use_layer); layer names must be unique", "@Block(Res.class)"),
        Arguments.of("a layer named like an earlier block layer", net(
            "  @Block(Res.class) Tensor use(Tensor input);\n"
                + "  @Conv(kernel = 1, filters = 1)\n  Tensor use_conv(Tensor use);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use_conv);\n",
            "interface Res {\n  @Conv(filters = 1, kernel = 1) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:declaration] two layers are named 'use_conv', one of them block Res's layer 'conv' in the use"
                + " 'use'", "@Conv(kernel = 1, filters = 1)"),
        Arguments.of("a block using itself", net(
            "  @Output @Block(Again.class) Tensor b(Tensor input);\n",
            "interface Again {\n  @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n"
                + "  @Output @Block(Again.class) Tensor again(Tensor c);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block Again uses itself (through test.Again); a block cannot"
                + " contain itself", "@Block(Again.class) Tensor b"),
        Arguments.of("a block given too few inputs", net(
            "  @Output @Block(Two.class) Tensor b(Tensor input);\n",
            "interface Two {\n  @Output @Add Tensor sum(Tensor x, Tensor y);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block Two reads 2 inputs [x, y], but 'b' gives it 1 [input];"
                + " give one parameter per block input, in that order", "@Block(Two.class)"),
        Arguments.of("a block given too many inputs", net(
            "  @Conv(filters = 1, kernel = 1) Tensor a(Tensor input);\n"
                + "  @Output @Block(One.class) Tensor b(Tensor input, Tensor a);\n",
            "interface One {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "block One reads 1 input [x], but 'b' gives it 2 [input, a]", "@Block(One.class)"),
        Arguments.of("a block without @Output", net(
            "  @Output @Block(NoOut.class) Tensor b(Tensor input);\n",
            "interface NoOut {\n  @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block NoOut must mark exactly one layer @Output (the layer its"
                + " uses stand for), but marks 0", "@Block(NoOut.class)"),
        Arguments.of("a block with two outputs", net(
            "  @Output @Block(TwoOut.class) Tensor b(Tensor input);\n",
            "interface TwoOut {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n"
                + "  @Output @Conv(filters = 1, kernel = 1) Tensor d(Tensor c);\n}\n"),
            "block TwoOut must mark exactly one layer @Output (the layer its uses stand for), but marks 2",
            "@Block(TwoOut.class)"),
        Arguments.of("@Input inside a block", net(
            "  @Output @Block(WithInput.class) Tensor b(Tensor input);\n",
            "interface WithInput {\n  @Input(channels = 1, height = 12, width = 10) Tensor in();\n"
                + "  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor in, Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b_in' (@Block): a block has no @Input: its inputs are the parameters that"
                + " name no layer of the block; remove @Input from 'in'", "@Block(WithInput.class)"),
        Arguments.of("a kernel too large inside a block", net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Block(Res.class)\n  Tensor use(Tensor a);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Res {\n  @Conv(filters = 2, kernel = 11) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:shape] layer 'use_conv' (@Conv): the 11×11 kernel does not fit its input: 'a' gives 2×10×8",
            "@Block(Res.class)"),
        Arguments.of("an option error inside a block", net(
            "  @Block(value = Normed.class,\n      width = 2)\n  Tensor use(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Normed {\n  @Conv(filters = 1, kernel = 1, bias = false) Tensor conv(Tensor x);\n"
                + "  @Output @BatchNorm(momentum = 2) Tensor bn(Tensor conv);\n}\n"),
            "[cnn:option] layer 'use' (@BatchNorm): momentum = 2.0 must be between 0 and 1",
            "@Block(value = Normed.class"),
        Arguments.of("a groups error inside a block", net(
            "  @Conv(filters = 3, kernel = 1) Tensor a(Tensor input);\n"
                + "  @Block(value = Halves.class, width = 3)\n  Tensor use(Tensor a);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Halves {\n  @Output @Conv(filters = 2, kernel = 1, groups = 2) Tensor half(Tensor x);\n}\n"),
            "[cnn:shape] layer 'use' (@Conv): groups = 2 must divide both the input's 3 channels (from 'a') and the"
                + " 6 filters", "@Block(value = Halves.class"),
        Arguments.of("a block layer naming a width the use does not give", net(
            "  @Output @Block(value = Branches.class, widths = {2})\n  Tensor b(Tensor input);\n",
            "interface Branches {\n  @Conv(filters = Block.W1, kernel = 1) Tensor one(Tensor x);\n"
                + "  @Conv(filters = Block.W2, kernel = 1) Tensor two(Tensor x);\n"
                + "  @Output @Concat Tensor cat(Tensor one, Tensor two);\n}\n"),
            "[cnn:declaration] layer 'b_two' (@Block): filters = Block.W2 names an entry the use's widths do not"
                + " give; add it to @Block(widths = {...})", "@Block(value = Branches.class"),
        Arguments.of("a block used with a width of 0 in its widths", net(
            "  @Output @Block(value = Branches.class, widths = {2, 0})\n  Tensor b(Tensor input);\n",
            "interface Branches {\n  @Conv(filters = Block.W1, kernel = 1) Tensor one(Tensor x);\n"
                + "  @Conv(filters = Block.W2, kernel = 1) Tensor two(Tensor x);\n"
                + "  @Output @Concat Tensor cat(Tensor one, Tensor two);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block widths = [2, 0] must all be at least 1",
            "@Block(value = Branches.class"),
        Arguments.of("a nested use passing on a width the outer use does not give", net(
            "  @Output @Block(value = Outer.class, widths = {3})\n  Tensor b(Tensor input);\n",
            "interface Outer {\n  @Output @Block(value = Unit.class, width = Block.W2) Tensor u(Tensor x);\n}\n"
                + "interface Unit {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): width = Block.W2 names an entry the enclosing use does not give"
                + " (its widths are [3])", "@Block(value = Outer.class"));
  }

  /** Inception-style blocks: each use gives its own filter counts as widths, nested uses pass them on. */
  @Test
  void aBlockTakesItsFilterCountsFromTheUsesWidths() throws Exception {
    JavaFileObject src = DiagnosticsTest.source("Net", net(
        "  @Block(value = Mixed.class, widths = {2, 3, 4}) Tensor m1(Tensor input);\n"
            + "  @Block(value = Mixed.class, widths = {1, 1, 5}) Tensor m2(Tensor m1);\n"
            + "  @Output @Dense(units = 2) Tensor out(Tensor m2);\n",
        "interface Mixed {\n"
            + "  @Conv(filters = Block.W1, kernel = 1) Tensor a(Tensor x);\n"
            + "  @Block(value = Unit.class, width = Block.W2) Tensor b(Tensor x);\n"
            + "  @Conv(filters = Block.W3, kernel = 3, pad = 1) Tensor c(Tensor x);\n"
            + "  @Output @Concat Tensor cat(Tensor a, Tensor b, Tensor c);\n}\n"
            + "interface Unit {\n  @Output @Conv(filters = 2, kernel = 1) Tensor conv(Tensor x);\n}\n"));
    Compilation c = DiagnosticsTest.compile(src);
    assertThat(c).succeededWithoutWarnings();
    String code = c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString();
    String layers = code.lines().filter(l -> l.contains("new LayerInfo(")).collect(Collectors.joining("\n"));
    for (String expected : new String[] {
        "new LayerInfo(\"m1_a\", \"Conv 1×1\", List.of(\"input\"), Shape.map(2, 12, 10)",
        "new LayerInfo(\"m1_b\", \"Conv 1×1\", List.of(\"input\"), Shape.map(6, 12, 10)", // Unit's 2 × W2 = 3
        "new LayerInfo(\"m1_c\", \"Conv 3×3, pad 1\", List.of(\"input\"), Shape.map(4, 12, 10)",
        "new LayerInfo(\"m1\", \"Concat 3 inputs\", List.of(\"m1_a\", \"m1_b\", \"m1_c\"), Shape.map(12, 12, 10)",
        "new LayerInfo(\"m2_c\", \"Conv 3×3, pad 1\", List.of(\"m1\"), Shape.map(5, 12, 10)",
        "new LayerInfo(\"m2\", \"Concat 3 inputs\", List.of(\"m2_a\", \"m2_b\", \"m2_c\"), Shape.map(8, 12, 10)"}) {
      assertTrue(layers.contains(expected), expected + " in\n" + layers);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invalidDeclarationGetsExactlyOneClearErrorAtTheRightLine(String what, String body, String message,
                                                                String line) {
    JavaFileObject src = DiagnosticsTest.source("Net", body);
    Compilation c = DiagnosticsTest.compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(message).inFile(src).onLineContaining(line);
    String all = c.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
    assertEquals(1, c.errors().size(), "expected one error, got:\n" + all);
    assertTrue(all.startsWith("[cnn:"), "untagged error: " + all);
    assertFalse(all.contains("[cnn:internal]"), all);
  }

  /**
   * A block whose output is another block's use, and a nested use declared with {@code stride = Block.STRIDE}:
   * the nested use takes the stride of the outer use, and only the network's own {@code @Output} is its output
   * (before the fix, the nested stride read as 0 and the block's {@code @Output} use became a second network output).
   */
  @Test
  void nestedBlocksTakeTheOuterStrideAndKeepOneOutput() throws Exception {
    JavaFileObject src = DiagnosticsTest.source("Net", net(
        "  @Block(value = Outer.class, width = 2, stride = 2) Tensor a(Tensor input);\n"
            + "  @Output @Block(Outer.class) Tensor b(Tensor a);\n",
        "interface Outer {\n"
            + "  @Block(value = Inner.class, stride = Block.STRIDE) Tensor first(Tensor x);\n"
            + "  @Output @Block(Inner.class) Tensor last(Tensor first);\n}\n"
            + "interface Inner {\n"
            + "  @Conv(filters = 1, kernel = 3, pad = 1, stride = Block.STRIDE) Tensor conv(Tensor x);\n"
            + "  @Output @Conv(filters = 2, kernel = 1) Tensor mix(Tensor conv);\n}\n"));
    Compilation c = DiagnosticsTest.compile(src);
    assertThat(c).succeededWithoutWarnings();
    String code = c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString();
    String layers = code.lines().filter(l -> l.contains("new LayerInfo(")).collect(Collectors.joining("\n"));
    for (String expected : new String[] {
        "new LayerInfo(\"a_first_conv\", \"Conv 3×3, stride 2, pad 1\", List.of(\"input\"), Shape.map(2, 6, 5)",
        "new LayerInfo(\"a_first\", \"Conv 1×1\", List.of(\"a_first_conv\"), Shape.map(4, 6, 5)",
        "new LayerInfo(\"a_conv\", \"Conv 3×3, pad 1\", List.of(\"a_first\"), Shape.map(2, 6, 5)",
        "new LayerInfo(\"a\", \"Conv 1×1\", List.of(\"a_conv\"), Shape.map(4, 6, 5)",
        "new LayerInfo(\"b_first_conv\", \"Conv 3×3, pad 1\", List.of(\"a\"), Shape.map(1, 6, 5)",
        "new LayerInfo(\"b\", \"Conv 1×1\", List.of(\"b_conv\"), Shape.map(2, 6, 5)"}) {
      assertTrue(layers.contains(expected), expected + " in\n" + layers);
    }
  }

  @Test
  void aBlockUsedTwiceGeneratesPrefixedLayersAndParameters() throws Exception {
    JavaFileObject src = DiagnosticsTest.source("Net", net(
        "  @Block(value = Basic.class, width = 2) Tensor stage1(Tensor input);\n"
            + "  @Block(value = Basic.class, width = 3, stride = 2) Tensor stage2(Tensor stage1);\n"
            + "  @Output @Dense(units = 2) Tensor out(Tensor stage2);\n",
        "interface Basic {\n"
            + "  @Conv(filters = 2, kernel = 3, pad = 1, stride = Block.STRIDE, bias = false) Tensor conv1(Tensor x);\n"
            + "  @BatchNorm(activation = RELU) Tensor bn1(Tensor conv1);\n"
            + "  @Conv(filters = 2, kernel = 3, pad = 1, bias = false) Tensor conv2(Tensor bn1);\n"
            + "  @Conv(filters = 2, kernel = 1, stride = Block.STRIDE) Tensor proj(Tensor x);\n"
            + "  @Output @Add(activation = RELU) Tensor sum(Tensor conv2, Tensor proj);\n}\n"));
    Compilation c = DiagnosticsTest.compile(src);
    assertThat(c).succeededWithoutWarnings();
    String code = c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString();
    String layers = code.lines().filter(l -> l.contains("new LayerInfo(")).collect(Collectors.joining("\n"));
    for (String layer : new String[] {"stage1_conv1", "stage1_bn1", "stage1_conv2", "stage1_proj", "stage2_conv1",
        "stage2_bn1", "stage2_conv2", "stage2_proj"}) {
      assertTrue(code.contains("new LayerInfo(\"" + layer + "\""), "layer " + layer);
    }
    assertTrue(code.contains("new LayerInfo(\"stage1\", \"Add 2 inputs, ReLU\""), "the block's output is the use:\n" + layers);
    assertTrue(code.contains("new LayerInfo(\"stage2\", \"Add 2 inputs, ReLU\""), "the block's output is the use:\n" + layers);
    assertFalse(code.contains("stage1_sum") || code.contains("stage2_sum"), "the output keeps no block name");
    // width multiplies the filters, the use's stride replaces Block.STRIDE
    assertTrue(code.contains("\"stage1_conv1.weight\", \"stage1_conv1\", ParamSlot.Role.WEIGHT, new int[] {4, 1, 3,"
        + " 3}"), "stage1_conv1 is 4 filters over the input");
    assertTrue(code.contains("\"stage2_conv1.weight\", \"stage2_conv1\", ParamSlot.Role.WEIGHT, new int[] {6, 4, 3,"
        + " 3}"), "stage2_conv1 is 6 filters over stage1's 4 maps");
    assertTrue(code.contains("new LayerInfo(\"stage2_proj\", \"Conv 1×1, stride 2\", List.of(\"stage1\"),"
        + " Shape.map(6, 6, 5)"), "stage2's projection strides by 2");
    assertTrue(code.contains("\"stage2_bn1.running_mean\""), "buffers are prefixed too");
  }
}
