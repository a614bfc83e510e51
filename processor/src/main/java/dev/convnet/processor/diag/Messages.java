package dev.convnet.processor.diag;

import dev.convnet.processor.diag.Diagnostic.Severity;
import java.util.Collection;
import java.util.List;

/**
 * Every message the processor can report, in one place. Each starts with a stable tag in brackets, names the
 * layer, says what came in and what was expected, and says how to fix it. Tests match on these texts.
 */
public final class Messages {
  public static final String DECLARATION = "cnn:declaration";
  public static final String GRAPH = "cnn:graph";
  public static final String SHAPE = "cnn:shape";
  public static final String TABLE = "cnn:table";
  public static final String OPTION = "cnn:option";
  public static final String STRIDE = "cnn:stride";
  public static final String INTERNAL = "cnn:internal";

  private Messages() {}

  private static Diagnostic error(String tag, Location at, String text) {
    return new Diagnostic(Severity.ERROR, tag, "[" + tag + "] " + text, at);
  }

  private static Diagnostic warning(String tag, Location at, String text) {
    return new Diagnostic(Severity.WARNING, tag, "[" + tag + "] " + text, at);
  }

  // ------------------------------------------------------------------ declaration form

  public static Diagnostic notAnInterface(String kind) {
    return error(DECLARATION, Location.network(), "@Network must annotate an interface, not a " + kind
        + "; declare the network as 'public interface MyNet { ... }' with one method per layer");
  }

  public static Diagnostic badClassName(String className) {
    return error(DECLARATION, Location.networkAttribute("className"), "className \"" + className
        + "\" is not a Java class name; give a simple name such as \"MyNet\" (the package is the interface's)");
  }

  public static Diagnostic classNameClash(String className, String interfaceName) {
    return error(DECLARATION, Location.networkAttribute("className"), "className \"" + className
        + "\" makes the generated class " + interfaceName + ", the name of the @Network interface itself; choose"
        + " another className");
  }

  public static Diagnostic cannotWrite(String className, String reason) {
    return error(DECLARATION, Location.networkAttribute("className"), "cannot write the generated class "
        + className + " (" + reason + "); another type of that name exists, e.g. from a second network with the"
        + " same className: choose another className");
  }

  public static Diagnostic genericNetwork() {
    return error(DECLARATION, Location.network(), "a @Network interface cannot have type parameters; remove them");
  }

  public static Diagnostic nestedNotStatic() {
    return error(DECLARATION, Location.network(), "a @Network interface nested in a class must be accessible: "
        + "make it a top-level interface or a member that is not private");
  }

  public static Diagnostic noLayerAnnotation(String layer) {
    return error(DECLARATION, Location.layer(layer), "method '" + layer + "' has no layer annotation; every method of a"
        + " @Network interface is a layer: annotate it with @Input, @Conv, @TransposedConv, @MaxPool, @AvgPool, @L2Pool,"
        + " @Subsampling, @Dense or @Activate (or remove it)");
  }

  public static Diagnostic twoLayerAnnotations(String layer, String first, String second) {
    return error(DECLARATION, Location.layer(layer), "method '" + layer + "' has two layer annotations, @" + first
        + " and @" + second + "; a method is exactly one layer: declare another method for the second");
  }

  public static Diagnostic wrongReturnType(String layer, String type) {
    return error(DECLARATION, Location.layer(layer), "layer '" + layer + "' returns " + type
        + "; layer methods return Tensor (dev.convnet.annotations.Tensor)");
  }

  public static Diagnostic wrongParameterType(String layer, int index, String name, String type) {
    return error(DECLARATION, Location.parameter(layer, index), "input '" + name + "' of layer '" + layer + "' has type "
        + type + "; layer inputs are declared as 'Tensor " + name + "'");
  }

  public static Diagnostic genericMethod(String layer) {
    return error(DECLARATION, Location.layer(layer), "layer '" + layer + "' has type parameters; remove them");
  }

  public static Diagnostic blockProblem(String layer, String text) {
    return error(DECLARATION, Location.layer(layer), "layer '" + layer + "' (@Block): " + text);
  }

  public static Diagnostic overloaded(String layer) {
    return error(DECLARATION, Location.layer(layer), "two methods are named '" + layer
        + "'; layer names must be unique: rename one of them");
  }

  public static Diagnostic blockNameClash(String layer, String origin) {
    return error(DECLARATION, Location.layer(layer), "two layers are named '" + layer + "', one of them " + origin
        + " (a block's layers are named use_layer); layer names must be unique: rename the other layer or the use");
  }

  public static Diagnostic reservedName(String layer) {
    return error(DECLARATION, Location.layer(layer), "layer name '" + layer
        + "' is reserved by the generated class; rename the method");
  }

  public static Diagnostic outputOnInput(String layer) {
    return error(DECLARATION, Location.layer(layer), "@Output is on the input layer '" + layer
        + "'; put it on the last layer of the network");
  }

  public static Diagnostic nameClash(String layer, String other, String constant) {
    return error(DECLARATION, Location.layer(layer), "layer names '" + other + "' and '" + layer
        + "' both become the constant " + constant + " in the generated class; rename one of them");
  }

  public static Diagnostic unreadable(String layer, String attribute, String value) {
    return error(DECLARATION, Location.attribute(layer, attribute), "layer '" + layer + "': cannot read " + attribute
        + " = " + value + "; give a constant of the attribute's type");
  }

  // ------------------------------------------------------------------ graph

  public static Diagnostic noInput() {
    return error(GRAPH, Location.network(), "the network has no input layer; declare one, e.g. "
        + "'@Input(channels = 1, height = 28, width = 28) Tensor input();'");
  }

  public static Diagnostic twoInputs(String layer, String first) {
    return error(GRAPH, Location.layer(layer), "the network has a second input layer '" + layer + "' (the first is '"
        + first + "'); a network has exactly one @Input");
  }

  public static Diagnostic noOutput() {
    return error(GRAPH, Location.network(), "the network has no output; mark its last layer with @Output");
  }

  public static Diagnostic twoOutputs(String layer, String first) {
    return error(GRAPH, Location.layer(layer), "layer '" + layer + "' is marked @Output, but so is '" + first
        + "'; a network has exactly one output");
  }

  public static Diagnostic inputWithParameters(String layer) {
    return error(GRAPH, Location.layer(layer), "input layer '" + layer
        + "' reads from other layers; the @Input method takes no parameters");
  }

  public static Diagnostic noInputs(String layer, String annotation) {
    return error(GRAPH, Location.layer(layer), "layer '" + layer + "' (@" + annotation + ") reads from nothing; "
        + "name the layer it reads from as a parameter, e.g. 'Tensor " + layer + "(Tensor input)'");
  }

  public static Diagnostic arity(String layer, String annotation, int given) {
    return error(GRAPH, Location.layer(layer), "layer '" + layer + "' (@" + annotation + ") takes exactly one input, "
        + "but reads from " + given + "; give it one parameter naming the layer it reads from");
  }

  public static Diagnostic tooFewInputs(String layer, String annotation, int given) {
    return error(GRAPH, Location.layer(layer), "layer '" + layer + "' (@" + annotation + ") combines two or more "
        + "inputs, but reads from " + given + "; give it one parameter per layer it combines, e.g. 'Tensor " + layer
        + "(Tensor branch, Tensor shortcut)'");
  }

  public static Diagnostic unknownInput(String layer, int index, String name, Collection<String> layers,
                                        String suggestion) {
    return error(GRAPH, Location.parameter(layer, index), "layer '" + layer + "' reads from '" + name
        + "', but there is no layer of that name" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
        + " (layers: " + String.join(", ", layers) + ")");
  }

  public static Diagnostic selfInput(String layer, int index) {
    return error(GRAPH, Location.parameter(layer, index), "layer '" + layer
        + "' reads from itself; a network is a graph without cycles: read from an earlier layer");
  }

  public static Diagnostic cycle(String layer, List<String> path) {
    return error(GRAPH, Location.layer(layer), "layers form a cycle: " + String.join(" → ", path)
        + "; a network is a graph without cycles: make one of them read from an earlier layer");
  }

  public static Diagnostic unreachable(String layer, String output) {
    return warning(GRAPH, Location.layer(layer), "layer '" + layer + "' does not contribute to the output '" + output
        + "'; it will not be computed: remove it or connect it");
  }

  public static Diagnostic disconnectedOutput(String output, String input) {
    return error(GRAPH, Location.layer(output), "the output '" + output + "' does not depend on the input '" + input
        + "'; connect the layers so that the output reads (through other layers) from the input");
  }

  public static Diagnostic duplicateInput(String layer, int index, String name) {
    return error(GRAPH, Location.parameter(layer, index), "layer '" + layer + "' reads from '" + name
        + "' twice; name each input once");
  }

  // ------------------------------------------------------------------ options

  public static Diagnostic notPositive(String layer, String annotation, String attribute, String value, String what) {
    return error(OPTION, Location.attribute(layer, attribute), "layer '" + layer + "' (@" + annotation + "): "
        + attribute + " = " + value + " must be " + what);
  }

  public static Diagnostic badPair(String layer, String annotation, String attribute, int count) {
    return error(OPTION, Location.attribute(layer, attribute), "layer '" + layer + "' (@" + annotation + "): "
        + attribute + " has " + count + " numbers; give one number (both axes) or two {height, width}");
  }

  public static Diagnostic padAndPadding(String layer, String mode) {
    return error(OPTION, Location.attribute(layer, "pad"), "layer '" + layer + "' (@Conv) gives both padding = "
        + mode + " and pad; use one of them");
  }

  public static Diagnostic samePaddingEven(String layer, String kernel, String effective) {
    return error(OPTION, Location.attribute(layer, "padding"), "layer '" + layer + "' (@Conv): padding = SAME needs an"
        + " odd kernel to pad both sides equally, but the kernel " + kernel + " spans " + effective
        + "; use an odd kernel, or pad explicitly with pad = {top/bottom, left/right}");
  }

  public static Diagnostic sameWithStride(String layer, String stride) {
    return error(OPTION, Location.attribute(layer, "padding"), "layer '" + layer + "' (@Conv): padding = SAME keeps "
        + "the size only with stride 1, but the stride is " + stride + "; use pad = explicitly with a stride");
  }

  public static Diagnostic poolPadTooLarge(String layer, String annotation, String pad, String window) {
    return error(OPTION, Location.attribute(layer, "pad"), "layer '" + layer + "' (@" + annotation + "): pad " + pad
        + " is more than half the window " + window + ", so a window could hold only padding; use pad ≤ window/2");
  }

  public static Diagnostic outputPadTooLarge(String layer, String outputPad, String stride, String dilation) {
    return error(OPTION, Location.attribute(layer, "outputPad"), "layer '" + layer + "' (@TransposedConv): outputPad "
        + outputPad + " must be smaller than the stride " + stride + " or the dilation " + dilation
        + " (as in PyTorch); lower it");
  }

  public static Diagnostic optionRange(String layer, String annotation, String attribute, String value,
                                       String expected) {
    return error(OPTION, Location.attribute(layer, attribute), "layer '" + layer + "' (@" + annotation + "): "
        + attribute + " = " + value + " must be " + expected);
  }

  public static Diagnostic negativeSlope(String layer, String annotation, double slope) {
    return error(OPTION, Location.attribute(layer, "slope"), "layer '" + layer + "' (@" + annotation + "): slope "
        + slope + " must be ≥ 0 (and below 1) for a leaky ReLU");
  }

  public static Diagnostic softmaxNotOutput(String layer, String annotation, String attribute) {
    return error(OPTION, Location.attribute(layer, attribute), "layer '" + layer + "' (@" + annotation
        + ") uses SOFTMAX, which is allowed on the output layer only; use another activation here, or put the"
        + " softmax on the @Output layer");
  }

  public static Diagnostic tooLarge(String layer, String what, long value) {
    return error(OPTION, Location.layer(layer), "layer '" + layer + "': " + what + " (" + value
        + ") is too large for one Java array (at most 2,147,483,639); make the layer smaller");
  }

  // ------------------------------------------------------------------ shapes

  public static Diagnostic addShapes(String layer, String shapes) {
    return error(SHAPE, Location.layer(layer), "layer '" + layer + "' (@Add) adds inputs of different shapes: "
        + shapes + "; every input must have the same shape (in a residual block, give the shortcut a 1×1 projection"
        + " convolution with the branch's filters and stride)");
  }

  public static Diagnostic concatShapes(String layer, String shapes) {
    return error(SHAPE, Location.layer(layer), "layer '" + layer + "' (@Concat) concatenates inputs of different"
        + " heights and widths: " + shapes + "; every input must have the same height × width (pad or pool the"
        + " branches to one size), or all be vectors");
  }

  public static Diagnostic groupsMismatch(String layer, int groups, String from, int channels, int filters) {
    return error(SHAPE, Location.attribute(layer, "groups"), "layer '" + layer + "' (@Conv): groups = " + groups
        + " must divide both the input's " + channels + " channels (from '" + from + "') and the " + filters
        + " filters; choose a common divisor");
  }

  public static Diagnostic weightsCount(String layer, int given, String expected) {
    return error(SHAPE, Location.attribute(layer, "weights"), "layer '" + layer + "' (@Conv): weights has " + given
        + " values, but " + expected + "; give the kernels in [filters, inputs, kh, kw] order, or one kh × kw kernel"
        + " for every pair");
  }

  public static Diagnostic prototypes(String layer, String problem) {
    return error(SHAPE, Location.attribute(layer, "prototypes"), "layer '" + layer + "' (@Rbf): " + problem
        + "; give one string per unit, one character per input value, X for +1 and . for −1");
  }

  public static Diagnostic needsMap(String layer, String annotation, String from, String shape) {
    return error(SHAPE, Location.layer(layer), "layer '" + layer + "' (@" + annotation + ") needs a feature map "
        + "(channels × height × width), but its input '" + from + "' is a " + shape
        + "; put it before the dense layers, or use @Dense here");
  }

  public static Diagnostic kernelTooLarge(String layer, String annotation, String attribute, String kernel,
                                          String span, String from, String inShape, String padded, String fix) {
    return error(SHAPE, Location.attribute(layer, attribute), "layer '" + layer + "' (@" + annotation + "): the "
        + kernel + " " + attribute + (span.equals(kernel) ? "" : " (spanning " + span + " with dilation)")
        + " does not fit its input: '" + from + "' gives " + inShape + ", padded to " + padded + "; " + fix);
  }

  public static Diagnostic emptyOutput(String layer, String annotation, String from, String inShape, String result) {
    return error(SHAPE, Location.layer(layer), "layer '" + layer + "' (@" + annotation + "): its input '" + from
        + "' (" + inShape + ") gives an empty output " + result + "; lower the padding or the stride");
  }

  public static Diagnostic strideDrops(String layer, String annotation, String from, String inShape, int rows,
                                       int cols, String stride) {
    String lost = (rows > 0 ? rows + " row" + (rows == 1 ? "" : "s") : "")
        + (rows > 0 && cols > 0 ? " and " : "") + (cols > 0 ? cols + " column" + (cols == 1 ? "" : "s") : "");
    return warning(STRIDE, Location.attribute(layer, "stride"), "layer '" + layer + "' (@" + annotation
        + "): with stride " + stride + " over the " + inShape + " input from '" + from + "', the last " + lost
        + " of the input are never read; adjust the input size, padding or stride so the windows tile it");
  }

  // ------------------------------------------------------------------ connection tables

  public static Diagnostic tableRows(String layer, int rows, String from, int channels) {
    return error(TABLE, Location.attribute(layer, "table"), "layer '" + layer + "' (@Conv): the connection table has "
        + rows + " row" + (rows == 1 ? "" : "s") + ", but its input '" + from + "' has " + channels
        + " maps; give one string per input map");
  }

  public static Diagnostic tableColumns(String layer, int row, int length, int filters) {
    return error(TABLE, Location.attribute(layer, "table"), "layer '" + layer + "' (@Conv): row " + row
        + " of the connection table has " + length + " marks, but the layer has " + filters
        + " filters; give one character per output map ('X' connected, '.' not)");
  }

  public static Diagnostic tableCharacter(String layer, int row, int column, char c) {
    return error(TABLE, Location.attribute(layer, "table"), "layer '" + layer + "' (@Conv): row " + row
        + " of the connection table has '" + c + "' at column " + column + "; use 'X' for connected and '.' for not");
  }

  public static Diagnostic tableEmptyOutput(String layer, List<Integer> maps) {
    return error(TABLE, Location.attribute(layer, "table"), "layer '" + layer + "' (@Conv): output map"
        + (maps.size() == 1 ? " " : "s ") + maps + " of the connection table " + (maps.size() == 1 ? "has" : "have")
        + " no input (an empty column); mark at least one 'X' in each column");
  }

  public static Diagnostic tableUnusedInput(String layer, List<Integer> maps) {
    return warning(TABLE, Location.attribute(layer, "table"), "layer '" + layer + "' (@Conv): input map"
        + (maps.size() == 1 ? " " : "s ") + maps + " of the connection table feed" + (maps.size() == 1 ? "s" : "")
        + " no output (an empty row); that map is computed and never used");
  }

  // ------------------------------------------------------------------ internal

  public static Diagnostic internal(String network, Throwable t) {
    StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    return error(INTERNAL, Location.network(), "internal error while compiling network " + network + ": " + t
        + (top == null ? "" : " at " + top) + "; this is a bug in convnet-compiler, please report it with the"
        + " declaration");
  }
}
