package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convnet.processor.diag.Message.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnostics of the layers that combine, normalize or repeat others (Add, Concat, BatchNorm, Dropout,
 * LocalResponseNorm, grouped and frozen convolutions, RBF, blocks) through javac: each case names the
 * {@link dev.convnet.processor.diag.Message} it expects and gets exactly one error of it, with the expected facts, on
 * the line of the offending value (a block's layers: on the line of the block's use). Also how blocks expand.
 */
class GraphLayerDiagnosticsTest {
  /** A network: input 1×12×10, then {@code layers}, which must end in an @Output layer; then {@code after}. */
  private static String net(String layers, String after) {
    return "@Network public interface Net {\n"
        + "  @Input(channels = 1, height = 12, width = 10) Tensor input();\n" + layers + "}\n" + after;
  }

  private static String net(String layers) {
    return net(layers, "");
  }

  static Stream<DiagnosticCase> errors() {
    return Stream.of(
        DiagnosticCase.of("add of different shapes", ADD_SHAPES, net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Conv(filters = 3, kernel = 3) Tensor b(Tensor input);\n"
                + "  @Conv(filters = 2, kernel = 1) Tensor c(Tensor input);\n"
                + "  @Output @Add Tensor sum(Tensor a, Tensor b, Tensor c);\n"),
            "[cnn:shape] layer 'sum' (@Add) adds inputs of different shapes: 'a' 2×10×8, 'b' 3×10×8,"
                + " 'c' 2×12×10;",
            "Tensor sum("),
        DiagnosticCase.of("add of a map and a vector", ADD_SHAPES, net(
            "  @Dense(units = 120) Tensor d(Tensor input);\n"
                + "  @Output @Add Tensor sum(Tensor input, Tensor d);\n"),
            "adds inputs of different shapes: 'input' 1×12×10, 'd' vector of 120", "Tensor sum("),
        DiagnosticCase.of("concat of different heights", CONCAT_SHAPES, net(
            "  @Conv(filters = 2, kernel = {3, 1}, pad = {0, 0}) Tensor a(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor input, Tensor a);\n"),
            "[cnn:shape] layer 'cat' (@Concat) concatenates inputs of different heights and widths: 'input' 1×12×10,"
                + " 'a' 2×10×10;", "Tensor cat("),
        DiagnosticCase.of("concat of different widths", CONCAT_SHAPES, net(
            "  @Conv(filters = 2, kernel = {1, 3}) Tensor a(Tensor input);\n"
                + "  @Conv(filters = 3, kernel = 1) Tensor b(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor b, Tensor a);\n"),
            "concatenates inputs of different heights and widths: 'b' 3×12×10, 'a' 2×12×8;", "Tensor cat("),
        DiagnosticCase.of("concat of a map and a vector", CONCAT_SHAPES, net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Concat Tensor cat(Tensor input, Tensor d);\n"),
            "'input' 1×12×10, 'd' vector of 4; every input must have the same height × width", "Tensor cat("),
        DiagnosticCase.of("add with one input", TOO_FEW_INPUTS, net(
            "  @Output @Add(activation = RELU) Tensor sum(Tensor input);\n"),
            "[cnn:graph] layer 'sum' (@Add) combines two or more inputs, but reads from 1;", "Tensor sum("),
        DiagnosticCase.of("concat with one input", TOO_FEW_INPUTS, net("  @Output @Concat Tensor cat(Tensor input);\n"),
            "[cnn:graph] layer 'cat' (@Concat) combines two or more inputs, but reads from 1;", "Tensor cat("),
        DiagnosticCase.of("groups not dividing the channels", GROUPS_MISMATCH, net(
            "  @Output @Conv(filters = 4, kernel = 3,\n      groups = 2)\n  Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): groups = 2 must divide both the input's 1 channels (from 'input') and"
                + " the 4 filters", "groups = 2"),
        DiagnosticCase.of("groups not dividing the filters", GROUPS_MISMATCH, net(
            "  @Conv(filters = 4, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 3, kernel = 3,\n      groups = 2)\n  Tensor c(Tensor a);\n"),
            "groups = 2 must divide both the input's 4 channels (from 'a') and the 3 filters", "groups = 2"),
        DiagnosticCase.of("groups with a connection table", GROUPS_WITH_TABLE, net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Output @Conv(filters = 2, kernel = 3, table = {\"X.\", \".X\"},\n      groups = 2)\n"
                + "  Tensor c(Tensor a);\n"),
            "[cnn:option] layer 'c' (@Conv): groups = 2 must be 1 with a connection table", "groups = 2"),
        DiagnosticCase.of("frozen weights with a bias", BIAS_WITH_FIXED_KERNELS, net(
            "  @Output @Conv(filters = 1, kernel = 2, weights = {1, 2, 3, 4},\n      bias = true)\n"
                + "  Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): bias = true must be false for fixed kernels", "bias = true"),
        DiagnosticCase.of("frozen weights of the wrong count", WEIGHTS_COUNT, net(
            "  @Output @Conv(filters = 2, kernel = 2, bias = false,\n      weights = {1, 2, 3, 4, 5})\n"
                + "  Tensor c(Tensor input);\n"),
            "[cnn:shape] layer 'c' (@Conv): weights has 5 values, but the 2 filters over 1 input maps (from"
                + " 'input', 1×12×10) with 2×2 kernels need 8 (or 4 for one shared kernel)", "weights = {1"),
        DiagnosticCase.of("rbf with too few prototypes", PROTOTYPE_COUNT, net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 3,\n      prototypes = {\"X.X.\", \"....\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): 3 units need 3 prototypes, but 2 are given", "prototypes = {"),
        DiagnosticCase.of("rbf prototype of the wrong length", PROTOTYPE_LENGTH, net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 2,\n      prototypes = {\"X.X.\", \"XX...\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): prototype 1 (numbered from 0) has 5 characters, but the input 'd'"
                + " (vector of 4) has 4"
                + " values", "prototypes = {"),
        DiagnosticCase.of("rbf prototype with a bad character", PROTOTYPE_CHARACTER, net(
            "  @Dense(units = 4) Tensor d(Tensor input);\n"
                + "  @Output @Rbf(units = 2,\n      prototypes = {\"X.X.\", \"X-X.\"})\n  Tensor r(Tensor d);\n"),
            "[cnn:shape] layer 'r' (@Rbf): prototype 1 (numbered from 0) has '-' at 1 (numbered from 0)",
            "prototypes = {"),
        DiagnosticCase.of("batch norm with eps 0", EPS_RANGE, net(
            "  @BatchNorm(\n      eps = 0)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): eps = 0.0 must be positive", "eps = 0"),
        DiagnosticCase.of("batch norm with negative eps", EPS_RANGE, net(
            "  @BatchNorm(\n      eps = -1e-5)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): eps = -1.0E-5 must be positive", "eps = -1e-5"),
        DiagnosticCase.of("batch norm with momentum over 1", MOMENTUM_RANGE, net(
            "  @BatchNorm(\n      momentum = 1.5)\n  Tensor bn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor bn);\n"),
            "[cnn:option] layer 'bn' (@BatchNorm): momentum = 1.5 must be between 0 and 1", "momentum = 1.5"),
        DiagnosticCase.of("dropout rate 1", DROPOUT_RATE_RANGE, net(
            "  @Dropout(seed = 3,\n      rate = 1.0)\n  Tensor drop(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor drop);\n"),
            "[cnn:option] layer 'drop' (@Dropout): rate = 1.0 must be at least 0 and below 1", "rate = 1.0"),
        DiagnosticCase.of("local response norm of size 0", NOT_POSITIVE, net(
            "  @LocalResponseNorm(alpha = 0.001,\n      size = 0)\n  Tensor lrn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor lrn);\n"),
            "[cnn:option] layer 'lrn' (@LocalResponseNorm): size = 0 must be positive", "size = 0"),
        DiagnosticCase.of("a block naming a class", BLOCK_NOT_AN_INTERFACE, net(
            "  @Output @Block(NotABlock.class) Tensor b(Tensor input);\n",
            "abstract class NotABlock {}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block(NotABlock.class) must name an interface declaring the"
                + " block's layers, not a class", "@Block(NotABlock.class)"),
        DiagnosticCase.of("a block naming an enum", BLOCK_NOT_AN_INTERFACE, net(
            "  @Output @Block(NotABlock.class) Tensor b(Tensor input);\n", "enum NotABlock { A }\n"),
            "@Block(NotABlock.class) must name an interface declaring the block's layers, not an enum",
            "@Block(NotABlock.class)"),
        DiagnosticCase.of("a block used with width 0", BLOCK_SIZE, net(
            "  @Output @Block(value = One.class,\n      width = 0)\n  Tensor b(Tensor input);\n",
            "interface One {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block width = 0 and stride = 1 must both be at least 1",
            "@Block(value = One.class"),
        DiagnosticCase.of("a block layer named like an earlier layer", BLOCK_NAME_CLASH, net(
            "  @Conv(filters = 1, kernel = 1) Tensor use_conv(Tensor input);\n"
                + "  @Block(Res.class)\n  Tensor use(Tensor use_conv);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Res {\n  @Conv(filters = 1, kernel = 1) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:declaration] two layers are named 'use_conv', one of them block Res's layer 'conv' in the use"
                + " 'use' (a block's layers are named use_layer); layer names must be unique", "@Block(Res.class)"),
        DiagnosticCase.of("a layer named like an earlier block layer", BLOCK_NAME_CLASH, net(
            "  @Block(Res.class) Tensor use(Tensor input);\n"
                + "  @Conv(kernel = 1, filters = 1)\n  Tensor use_conv(Tensor use);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use_conv);\n",
            "interface Res {\n  @Conv(filters = 1, kernel = 1) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:declaration] two layers are named 'use_conv', one of them block Res's layer 'conv' in the use"
                + " 'use'", "@Conv(kernel = 1, filters = 1)"),
        DiagnosticCase.of("a block using itself", BLOCK_USES_ITSELF, net(
            "  @Output @Block(Again.class) Tensor b(Tensor input);\n",
            "interface Again {\n  @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n"
                + "  @Output @Block(Again.class) Tensor again(Tensor c);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block Again uses itself (through test.Again); a block cannot"
                + " contain itself", "@Block(Again.class) Tensor b"),
        DiagnosticCase.of("a block given too few inputs", BLOCK_INPUTS, net(
            "  @Output @Block(Two.class) Tensor b(Tensor input);\n",
            "interface Two {\n  @Output @Add Tensor sum(Tensor x, Tensor y);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block Two reads 2 inputs [x, y], but 'b' gives it 1 [input];"
                + " give one parameter per block input, in that order", "@Block(Two.class)"),
        DiagnosticCase.of("a block given too many inputs", BLOCK_INPUTS, net(
            "  @Conv(filters = 1, kernel = 1) Tensor a(Tensor input);\n"
                + "  @Output @Block(One.class) Tensor b(Tensor input, Tensor a);\n",
            "interface One {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "block One reads 1 input [x], but 'b' gives it 2 [input, a]", "@Block(One.class)"),
        DiagnosticCase.of("a block without @Output", BLOCK_OUTPUTS, net(
            "  @Output @Block(NoOut.class) Tensor b(Tensor input);\n",
            "interface NoOut {\n  @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): block NoOut must mark exactly one layer @Output (the layer its"
                + " uses stand for), but marks 0", "@Block(NoOut.class)"),
        DiagnosticCase.of("a block with two outputs", BLOCK_OUTPUTS, net(
            "  @Output @Block(TwoOut.class) Tensor b(Tensor input);\n",
            "interface TwoOut {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n"
                + "  @Output @Conv(filters = 1, kernel = 1) Tensor d(Tensor c);\n}\n"),
            "block TwoOut must mark exactly one layer @Output (the layer its uses stand for), but marks 2",
            "@Block(TwoOut.class)"),
        DiagnosticCase.of("@Input inside a block", BLOCK_WITH_INPUT, net(
            "  @Output @Block(WithInput.class) Tensor b(Tensor input);\n",
            "interface WithInput {\n  @Input(channels = 1, height = 12, width = 10) Tensor in();\n"
                + "  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor in, Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b_in' (@Block): a block has no @Input: its inputs are the parameters that"
                + " name no layer of the block; remove @Input from 'in'", "@Block(WithInput.class)"),
        DiagnosticCase.of("a kernel too large inside a block", KERNEL_TOO_LARGE, net(
            "  @Conv(filters = 2, kernel = 3) Tensor a(Tensor input);\n"
                + "  @Block(Res.class)\n  Tensor use(Tensor a);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Res {\n  @Conv(filters = 2, kernel = 11) Tensor conv(Tensor x);\n"
                + "  @Output @Add Tensor sum(Tensor conv, Tensor x);\n}\n"),
            "[cnn:shape] layer 'use_conv' (@Conv): the 11×11 kernel does not fit its input: 'a' gives 2×10×8",
            "@Block(Res.class)"),
        DiagnosticCase.of("an option error inside a block", MOMENTUM_RANGE, net(
            "  @Block(value = Normed.class,\n      width = 2)\n  Tensor use(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Normed {\n  @Conv(filters = 1, kernel = 1, bias = false) Tensor conv(Tensor x);\n"
                + "  @Output @BatchNorm(momentum = 2) Tensor bn(Tensor conv);\n}\n"),
            "[cnn:option] layer 'use' (@BatchNorm): momentum = 2.0 must be between 0 and 1",
            "@Block(value = Normed.class"),
        DiagnosticCase.of("a groups error inside a block", GROUPS_MISMATCH, net(
            "  @Conv(filters = 3, kernel = 1) Tensor a(Tensor input);\n"
                + "  @Block(value = Halves.class, width = 3)\n  Tensor use(Tensor a);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor use);\n",
            "interface Halves {\n  @Output @Conv(filters = 2, kernel = 1, groups = 2) Tensor half(Tensor x);\n}\n"),
            "[cnn:shape] layer 'use' (@Conv): groups = 2 must divide both the input's 3 channels (from 'a') and the"
                + " 6 filters", "@Block(value = Halves.class"),
        DiagnosticCase.of("a block layer naming a width the use does not give", BLOCK_FILTERS_MISSING_WIDTH, net(
            "  @Output @Block(value = Branches.class, widths = {2})\n  Tensor b(Tensor input);\n",
            "interface Branches {\n  @Conv(filters = Block.W1, kernel = 1) Tensor one(Tensor x);\n"
                + "  @Conv(filters = Block.W2, kernel = 1) Tensor two(Tensor x);\n"
                + "  @Output @Concat Tensor cat(Tensor one, Tensor two);\n}\n"),
            "[cnn:declaration] layer 'b_two' (@Block): filters = Block.W2 names an entry the use's widths do not"
                + " give; add it to @Block(widths = {...})", "@Block(value = Branches.class"),
        DiagnosticCase.of("a block used with a width of 0 in its widths", BLOCK_WIDTHS, net(
            "  @Output @Block(value = Branches.class, widths = {2, 0})\n  Tensor b(Tensor input);\n",
            "interface Branches {\n  @Conv(filters = Block.W1, kernel = 1) Tensor one(Tensor x);\n"
                + "  @Conv(filters = Block.W2, kernel = 1) Tensor two(Tensor x);\n"
                + "  @Output @Concat Tensor cat(Tensor one, Tensor two);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): @Block widths = [2, 0] must all be at least 1",
            "@Block(value = Branches.class"),
        DiagnosticCase.of("a nested use passing on a width the outer use does not give", BLOCK_MISSING_WIDTH, net(
            "  @Output @Block(value = Outer.class, widths = {3})\n  Tensor b(Tensor input);\n",
            "interface Outer {\n  @Output @Block(value = Unit.class, width = Block.W2) Tensor u(Tensor x);\n}\n"
                + "interface Unit {\n  @Output @Conv(filters = 1, kernel = 1) Tensor c(Tensor x);\n}\n"),
            "[cnn:declaration] layer 'b' (@Block): width = Block.W2 names an entry the enclosing use does not give"
                + " (its widths are [3])", "@Block(value = Outer.class"),
        DiagnosticCase.of("fixed weights that are not finite", WEIGHTS_NOT_FINITE, net(
            "  @Output @Conv(filters = 1, kernel = 2, bias = false,\n      weights = {1, Double.NaN, 3, 4})\n"
                + "  Tensor c(Tensor input);\n"),
            "[cnn:option] layer 'c' (@Conv): weights = NaN must be finite", "weights = {1"),
        DiagnosticCase.of("local response norm with a negative alpha", LRN_RANGE, net(
            "  @LocalResponseNorm(size = 3,\n      alpha = -1e-4)\n  Tensor lrn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor lrn);\n"),
            "[cnn:option] layer 'lrn' (@LocalResponseNorm): alpha = -1.0E-4 must be zero or positive", "alpha = -1e-4"),
        DiagnosticCase.of("local response norm with k = 0", LRN_K_RANGE, net(
            "  @LocalResponseNorm(size = 3,\n      k = 0)\n  Tensor lrn(Tensor input);\n"
                + "  @Output @Dense(units = 2) Tensor out(Tensor lrn);\n"),
            "[cnn:option] layer 'lrn' (@LocalResponseNorm): k = 0.0 must be positive", "k = 0"),
        DiagnosticCase.of("a concatenation too large for an array", CONCAT_TOO_LARGE,
            "@Network public interface Net {\n"
            + "  @Input(channels = 1, height = 32768, width = 32768) Tensor input();\n"
            + "  @Activate(TANH) Tensor a(Tensor input);\n"
            + "  @Activate(RELU) Tensor b(Tensor input);\n"
            + "  @Concat Tensor cat(Tensor input, Tensor a, Tensor b);\n"
            + "  @Output @Dense(units = 2) Tensor out(Tensor cat);\n}\n",
            "[cnn:option] layer 'cat': its concatenated output 3×32768×32768 (3221225472) is too large",
            "Tensor cat("));
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
    String code = unwrapped(c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString());
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
  void invalidDeclarationGetsExactlyOneErrorOfItsMessageAtTheRightLine(DiagnosticCase c) {
    c.assertReported();
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
    String code = unwrapped(c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString());
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
    String code = unwrapped(c.generatedSourceFile("test.NetNet").orElseThrow().getCharContent(true).toString());
    String layers = code.lines().filter(l -> l.contains("new LayerInfo(")).collect(Collectors.joining("\n"));
    for (String layer : new String[] {"stage1_conv1", "stage1_bn1", "stage1_conv2", "stage1_proj", "stage2_conv1",
        "stage2_bn1", "stage2_conv2", "stage2_proj"}) {
      assertTrue(code.contains("new LayerInfo(\"" + layer + "\""), "layer " + layer);
    }
    for (String use : new String[] {"stage1", "stage2"}) {
      assertTrue(code.contains("new LayerInfo(\"" + use + "\", \"Add 2 inputs, ReLU\""),
          "the block's output is the use:\n" + layers);
    }
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

  /** Generated code with statements wrapped by JavaPoet joined back into one line each. */
  private static String unwrapped(String code) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (String line : code.split("\n")) {
      String stripped = line.strip();
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
      boolean continues = !last.isEmpty() && !last.endsWith(";") && !last.endsWith("{") && !last.endsWith("}")
          && !last.startsWith("*") && !last.startsWith("/") && !last.startsWith("@") && !stripped.startsWith("*")
          && !stripped.startsWith("/") && !stripped.startsWith("@");
      if (continues) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + stripped);
      } else {
        lines.add(line);
      }
    }
    return String.join("\n", lines);
  }
}
