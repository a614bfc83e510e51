package dev.convnet.processor.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every message the processor reports, as data: a stable tag, a severity, what is wrong and how to fix it. Call
 * sites pass only facts (names, numbers, shapes); the words are here. A message reads {@code [tag] problem; fix}.
 * Arguments are referred to by position ({@code %1$s}), so the fix can repeat a fact of the problem.
 *
 * <p>Tests name the message they expect and match it with {@link #pattern()}.
 */
public enum Message {
  // ------------------------------------------------------------------ declaration form
  NOT_AN_INTERFACE(Tag.DECLARATION, "@Network must annotate an interface, not %1$s",
      "declare the network as 'public interface MyNet { ... }' with one method per layer"),
  NETWORK_ON_NON_TYPE(Tag.DECLARATION, "@Network must annotate an interface, not %1$s",
      "move it to the interface that declares the layers"),
  BAD_CLASS_NAME(Tag.DECLARATION, "className \"%1$s\" is not a Java class name",
      "give a simple name such as \"MyNet\" (the package is the interface's)"),
  CLASS_NAME_CLASH(Tag.DECLARATION,
      "className \"%1$s\" makes the generated class %2$s, the name of the @Network interface itself",
      "choose another className"),
  CANNOT_WRITE(Tag.DECLARATION, "cannot write the generated class %1$s (%2$s)",
      "another type of that name exists, e.g. from a second network with the same className: choose another"
          + " className"),
  GENERIC_NETWORK(Tag.DECLARATION, "a @Network interface cannot have type parameters", "remove them"),
  PRIVATE_NESTED_NETWORK(Tag.DECLARATION, "a @Network interface nested in a class must be accessible",
      "make it a top-level interface or a member that is not private"),
  NO_LAYER_ANNOTATION(Tag.DECLARATION, "method '%1$s' has no layer annotation",
      "every method of a @Network interface is a layer: annotate it with %2$s (or remove it)"),
  TWO_LAYER_ANNOTATIONS(Tag.DECLARATION, "method '%1$s' has two layer annotations, @%2$s and @%3$s",
      "a method is exactly one layer: declare another method for the second"),
  WRONG_RETURN_TYPE(Tag.DECLARATION, "layer '%1$s' returns %2$s",
      "layer methods return Tensor (dev.convnet.annotations.Tensor)"),
  WRONG_PARAMETER_TYPE(Tag.DECLARATION, "input '%1$s' of layer '%2$s' has type %3$s",
      "layer inputs are declared as 'Tensor %1$s'"),
  GENERIC_METHOD(Tag.DECLARATION, "layer '%1$s' has type parameters", "remove them"),
  OVERLOADED(Tag.DECLARATION, "two methods are named '%1$s'", "layer names must be unique: rename one of them"),
  BLOCK_NAME_CLASH(Tag.DECLARATION, "two layers are named '%1$s', one of them %2$s (a block's layers are named"
      + " use_layer)", "layer names must be unique: rename the other layer or the use"),
  CONSTANT_CLASH(Tag.DECLARATION, "layer names '%1$s' and '%2$s' both become the constant %3$s in the generated"
      + " class", "rename one of them"),
  UNREADABLE(Tag.DECLARATION, "layer '%1$s': cannot read %2$s = %3$s", "give a constant of the attribute's type"),
  BLOCK_WITH_INPUT(Tag.DECLARATION, "layer '%1$s' (@Block): a block has no @Input: its inputs are the parameters"
      + " that name no layer of the block", "remove @Input from '%2$s'"),
  BLOCK_NOT_AN_INTERFACE(Tag.DECLARATION, "layer '%1$s' (@Block): @Block(%2$s.class) must name an interface"
      + " declaring the block's layers, not %3$s", "declare the block as an interface"),
  BLOCK_USES_ITSELF(Tag.DECLARATION, "layer '%1$s' (@Block): block %2$s uses itself (through %3$s)",
      "a block cannot contain itself"),
  BLOCK_WIDTHS(Tag.DECLARATION, "layer '%1$s' (@Block): @Block widths = %2$s must all be at least 1%3$s",
      "give positive filter counts"),
  BLOCK_MISSING_WIDTH(Tag.DECLARATION, "layer '%1$s' (@Block): width = Block.W%2$s names an entry the enclosing use"
      + " does not give (its widths are %3$s)", "add it to that use's widths"),
  BLOCK_FILTERS_MISSING_WIDTH(Tag.DECLARATION, "layer '%1$s' (@Block): filters = Block.W%2$s names an entry the"
      + " use's widths do not give", "add it to @Block(widths = {...})"),
  BLOCK_SIZE(Tag.DECLARATION, "layer '%1$s' (@Block): @Block width = %2$s and stride = %3$s must both be at least 1",
      "raise them"),
  BLOCK_OUTPUTS(Tag.DECLARATION, "layer '%1$s' (@Block): block %2$s must mark exactly one layer @Output (the layer"
      + " its uses stand for), but marks %3$s", "mark the block's last layer @Output"),
  BLOCK_INPUTS(Tag.DECLARATION, "layer '%1$s' (@Block): block %2$s reads %3$s %4$s, but '%1$s' gives it %5$s %6$s",
      "give one parameter per block input, in that order"),

  // ------------------------------------------------------------------ graph
  NO_INPUT(Tag.GRAPH, "the network has no input layer",
      "declare one, e.g. '@Input(channels = 1, height = 28, width = 28) Tensor input();'"),
  TWO_INPUTS(Tag.GRAPH, "the network has a second input layer '%1$s' (the first is '%2$s')",
      "a network has exactly one @Input"),
  NO_OUTPUT(Tag.GRAPH, "the network has no output", "mark its last layer with @Output"),
  TWO_OUTPUTS(Tag.GRAPH, "layer '%1$s' is marked @Output, but so is '%2$s'", "a network has exactly one output"),
  OUTPUT_ON_INPUT(Tag.GRAPH, "@Output is on the input layer '%1$s'", "put it on the last layer of the network"),
  INPUT_WITH_PARAMETERS(Tag.GRAPH, "input layer '%1$s' reads from other layers",
      "the @Input method takes no parameters"),
  NO_INPUTS(Tag.GRAPH, "layer '%1$s' (@%2$s) reads from nothing",
      "name the layer it reads from as a parameter, e.g. 'Tensor %1$s(Tensor input)'"),
  ARITY(Tag.GRAPH, "layer '%1$s' (@%2$s) takes exactly one input, but reads from %3$s",
      "give it one parameter naming the layer it reads from"),
  TOO_FEW_INPUTS(Tag.GRAPH, "layer '%1$s' (@%2$s) combines two or more inputs, but reads from %3$s",
      "give it one parameter per layer it combines, e.g. 'Tensor %1$s(Tensor branch, Tensor shortcut)'"),
  UNKNOWN_INPUT(Tag.GRAPH, "layer '%1$s' reads from '%2$s', but there is no layer of that name%3$s",
      "name one of the layers: %4$s"),
  SELF_INPUT(Tag.GRAPH, "layer '%1$s' reads from itself",
      "a network is a graph without cycles: read from an earlier layer"),
  DUPLICATE_INPUT(Tag.GRAPH, "layer '%1$s' reads from '%2$s' twice", "name each input once"),
  CYCLE(Tag.GRAPH, "layers form a cycle: %1$s",
      "a network is a graph without cycles: make one of them read from an earlier layer"),
  UNREACHABLE(Tag.GRAPH, Severity.WARNING, "layer '%1$s' does not contribute to the output '%2$s'",
      "it will not be computed: remove it or connect it"),
  DISCONNECTED_OUTPUT(Tag.GRAPH, "the output '%1$s' does not depend on the input '%2$s'",
      "connect the layers so that the output reads (through other layers) from the input"),

  // ------------------------------------------------------------------ options
  NOT_POSITIVE(Tag.OPTION, "layer '%1$s' (@%2$s): %3$s = %4$s must be positive", "raise it to at least 1"),
  NEGATIVE(Tag.OPTION, "layer '%1$s' (@%2$s): %3$s = %4$s must be zero or positive", "remove the minus sign"),
  BAD_PAIR(Tag.OPTION, "layer '%1$s' (@%2$s): %3$s has %4$s numbers",
      "give one number (both axes) or two {height, width}"),
  PAD_AND_PADDING(Tag.OPTION, "layer '%1$s' (@Conv) gives both padding = %2$s and pad", "use one of them"),
  SAME_PADDING_EVEN(Tag.OPTION, "layer '%1$s' (@Conv): padding = SAME needs an odd kernel to pad both sides"
      + " equally, but the kernel %2$s spans %3$s",
      "use an odd kernel, or pad explicitly with pad = {top/bottom, left/right}"),
  SAME_WITH_STRIDE(Tag.OPTION, "layer '%1$s' (@Conv): padding = SAME keeps the size only with stride 1, but the"
      + " stride is %2$s", "use pad = explicitly with a stride"),
  GROUPS_WITH_TABLE(Tag.OPTION, "layer '%1$s' (@Conv): groups = %2$s must be 1 with a connection table",
      "a table already says which maps connect; drop one of them"),
  BIAS_WITH_FIXED_KERNELS(Tag.OPTION, "layer '%1$s' (@Conv): bias = true must be false for fixed kernels",
      "weights = {...} freezes the layer, and a frozen layer has no bias: write bias = false"),
  WEIGHTS_NOT_FINITE(Tag.OPTION, "layer '%1$s' (@Conv): weights = %2$s must be finite",
      "give finite kernel values"),
  POOL_PAD_TOO_LARGE(Tag.OPTION, "layer '%1$s' (@%2$s): pad %3$s is more than half the window %4$s, so a window"
      + " could hold only padding", "use pad ≤ window/2"),
  OUTPUT_PAD_TOO_LARGE(Tag.OPTION, "layer '%1$s' (@TransposedConv): outputPad %2$s must be smaller than the stride"
      + " %3$s or the dilation %4$s (as in PyTorch)", "lower it"),
  EPS_RANGE(Tag.OPTION, "layer '%1$s' (@BatchNorm): eps = %2$s must be positive",
      "PyTorch's default is 1e-5"),
  MOMENTUM_RANGE(Tag.OPTION, "layer '%1$s' (@BatchNorm): momentum = %2$s must be between 0 and 1",
      "the default is 0.1"),
  DROPOUT_RATE_RANGE(Tag.OPTION, "layer '%1$s' (@Dropout): rate = %2$s must be at least 0 and below 1",
      "it is the probability of zeroing a value"),
  LRN_RANGE(Tag.OPTION, "layer '%1$s' (@LocalResponseNorm): %2$s = %3$s must be zero or positive",
      "AlexNet uses alpha = 1e-4 and beta = 0.75"),
  LRN_K_RANGE(Tag.OPTION, "layer '%1$s' (@LocalResponseNorm): k = %2$s must be positive", "AlexNet uses 2"),
  LEAKY_SLOPE(Tag.OPTION, "layer '%1$s' (@%2$s): slope %3$s must be ≥ 0 (and below 1) for a leaky ReLU",
      "PyTorch's default is 0.01"),
  SOFTMAX_NOT_OUTPUT(Tag.OPTION, "layer '%1$s' (@%2$s) uses SOFTMAX, which is allowed on the output layer only",
      "use another activation here, or put the softmax on the @Output layer"),
  PARAMETERS_TOO_LARGE(Tag.OPTION, "layer '%1$s': the network's parameter count (%2$s) is too large for one Java"
      + " array (at most 2,147,483,639)", "make the network smaller"),
  OUTPUT_TOO_LARGE(Tag.OPTION, "layer '%1$s': its output size %2$s (%3$s) is too large for one Java array (at most"
      + " 2,147,483,639)", "make the layer smaller"),
  PADDED_INPUT_TOO_LARGE(Tag.OPTION, "layer '%1$s': its padded input %2$s (%3$s) is too large for one Java array"
      + " (at most 2,147,483,639)", "make the layer smaller"),
  UNCROPPED_TOO_LARGE(Tag.OPTION, "layer '%1$s': its uncropped output %2$s (%3$s) is too large for one Java array"
      + " (at most 2,147,483,639)", "make the layer smaller"),
  CONCAT_TOO_LARGE(Tag.OPTION, "layer '%1$s': its concatenated output %2$s (%3$s) is too large for one Java array (at"
      + " most 2,147,483,639)", "make the layer smaller"),

  // ------------------------------------------------------------------ shapes
  ADD_SHAPES(Tag.SHAPE, "layer '%1$s' (@Add) adds inputs of different shapes: %2$s",
      "every input must have the same shape (in a residual block, give the shortcut a 1×1 projection convolution"
          + " with the branch's filters and stride)"),
  CONCAT_SHAPES(Tag.SHAPE, "layer '%1$s' (@Concat) concatenates inputs of different heights and widths: %2$s",
      "every input must have the same height × width (pad or pool the branches to one size), or all be vectors"),
  GROUPS_MISMATCH(Tag.SHAPE, "layer '%1$s' (@Conv): groups = %2$s must divide both the input's %3$s channels (from"
      + " '%4$s') and the %5$s filters", "choose a common divisor"),
  WEIGHTS_COUNT(Tag.SHAPE, "layer '%1$s' (@Conv): weights has %2$s values, but the %3$s filters over %4$s input maps"
      + " (from '%5$s', %6$s) with %7$s kernels need %8$s (or %9$s for one shared kernel)",
      "give the kernels in [filters, inputs, kh, kw] order, or one kh × kw kernel for every pair"),
  PROTOTYPE_COUNT(Tag.SHAPE, "layer '%1$s' (@Rbf): %2$s units need %2$s prototypes, but %3$s are given",
      "give one string per unit, one character per input value, X for +1 and . for −1"),
  PROTOTYPE_LENGTH(Tag.SHAPE, "layer '%1$s' (@Rbf): prototype %2$s (numbered from 0) has %3$s characters, but the"
      + " input '%4$s' (%5$s) has %6$s values",
      "give one string per unit, one character per input value, X for +1 and . for −1"),
  PROTOTYPE_CHARACTER(Tag.SHAPE, "layer '%1$s' (@Rbf): prototype %2$s (numbered from 0) has '%3$s' at %4$s"
      + " (numbered from 0)", "give one string per unit, one character per input value, X for +1 and . for −1"),
  NEEDS_MAP(Tag.SHAPE, "layer '%1$s' (@%2$s) needs a feature map (channels × height × width), but its input '%3$s'"
      + " is a %4$s", "put it before the dense layers, or use @Dense here"),
  KERNEL_TOO_LARGE(Tag.SHAPE, "layer '%1$s' (@%2$s): the %3$s kernel%4$s does not fit its input: '%5$s' gives %6$s,"
      + " padded to %7$s", "use a smaller kernel or dilation, or pad the input by at least %8$s×%9$s (pad = {%8$s,"
      + " %9$s}, or padding = SAME / FULL)"),
  WINDOW_TOO_LARGE(Tag.SHAPE, "layer '%1$s' (@%2$s): the %3$s window does not fit its input: '%4$s' gives %5$s,"
      + " padded to %6$s", "use a smaller window, or pool earlier where the map is larger"),
  EMPTY_OUTPUT(Tag.SHAPE, "layer '%1$s' (@%2$s): its input '%3$s' (%4$s) gives an empty output %5$s",
      "lower the padding or the stride"),
  STRIDE_DROPS(Tag.STRIDE, Severity.WARNING, "layer '%1$s' (@%2$s): with stride %3$s over the %4$s input from"
      + " '%5$s', %6$s never read",
      "adjust the input size, padding or stride so the windows tile it"),

  // ------------------------------------------------------------------ connection tables
  TABLE_ROWS(Tag.TABLE, "layer '%1$s' (@Conv): the connection table has %2$s, but its input '%3$s' has %4$s maps",
      "give one string per input map"),
  TABLE_COLUMNS(Tag.TABLE, "layer '%1$s' (@Conv): row %2$s (numbered from 0) of the connection table has %3$s"
      + " marks, but the layer has %4$s filters", "give one character per output map ('X' connected, '.' not)"),
  TABLE_CHARACTER(Tag.TABLE, "layer '%1$s' (@Conv): row %2$s of the connection table has '%3$s' at column %4$s"
      + " (both numbered from 0)", "use 'X' for connected and '.' for not"),
  TABLE_EMPTY_OUTPUT(Tag.TABLE, "layer '%1$s' (@Conv): %2$s (numbered from 0) of the connection table %3$s no input"
      + " (an empty column)", "mark at least one 'X' in each column"),
  TABLE_UNUSED_INPUT(Tag.TABLE, Severity.WARNING, "layer '%1$s' (@Conv): %2$s (numbered from 0) of the connection"
      + " table %3$s no output (an empty row)", "that map is computed and never used"),

  // ------------------------------------------------------------------ internal
  INTERNAL(Tag.INTERNAL, "internal error while compiling network %1$s: %2$s%3$s",
      "this is a bug in convnet-compiler, please report it with the declaration");

  /** The stable tags a message starts with, in brackets. */
  public enum Tag {
    DECLARATION("cnn:declaration"), GRAPH("cnn:graph"), SHAPE("cnn:shape"), TABLE("cnn:table"),
    OPTION("cnn:option"), STRIDE("cnn:stride"), INTERNAL("cnn:internal");

    private final String text;

    Tag(String text) {
      this.text = text;
    }

    /** {@code cnn:shape}. */
    public String text() {
      return text;
    }
  }

  /** Errors stop generation; warnings do not. */
  public enum Severity { ERROR, WARNING }

  private final Tag tag;
  private final Severity severity;
  private final String problem;
  private final String fix;

  Message(Tag tag, String problem, String fix) {
    this(tag, Severity.ERROR, problem, fix);
  }

  Message(Tag tag, Severity severity, String problem, String fix) {
    this.tag = tag;
    this.severity = severity;
    this.problem = problem;
    this.fix = fix;
  }

  public Tag tag() {
    return tag;
  }

  public Severity severity() {
    return severity;
  }

  /** The whole text for these facts: {@code [tag] problem; fix}. */
  public String format(Object... args) {
    try {
      return "[" + tag.text + "] " + String.format(Locale.ROOT, problem, args) + "; "
          + String.format(Locale.ROOT, fix, args);
    } catch (IllegalFormatException e) {
      throw new IllegalArgumentException(name() + " takes other arguments than " + List.of(args), e);
    }
  }

  /** A diagnostic of this message at {@code where}. */
  public Diagnostic at(Location where, Object... args) {
    return new Diagnostic(this, format(args), where);
  }

  /** Matches any text of this message, whatever its facts: what tests use to say which message they expect. */
  public Pattern pattern() {
    String whole = "[" + tag.text + "] " + problem + "; " + fix;
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile("%\\d+\\$s").matcher(whole);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(whole.substring(last, m.start()))).append("(?s:.*?)");
      last = m.end();
    }
    regex.append(Pattern.quote(whole.substring(last)));
    return Pattern.compile(regex.toString());
  }

  // ------------------------------------------------------------------ wording of facts, shared by call sites

  /** {@code "1 row"}, {@code "3 rows"}. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@code "an enum"}, {@code "a class"}. */
  public static String withArticle(String noun) {
    return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  /** {@code "output map [3]"} or {@code "output maps [3, 5]"}. */
  public static String indexed(String noun, Collection<Integer> indices) {
    return noun + (indices.size() == 1 ? " " : "s ") + new ArrayList<>(indices);
  }

  /** {@code "has"} for one, {@code "have"} for more. */
  public static String verb(Collection<?> items, String one, String more) {
    return items.size() == 1 ? one : more;
  }
}
