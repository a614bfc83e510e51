package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameter tensors of a network, laid out back to back in declaration order exactly as the runtime's
 * {@code ParameterLayout.Builder} does, so that offsets are compile-time constants in the generated code.
 */
public final class ParamPlan {
  public static final ClassName LAYOUT = RuntimeNames.PARAMETER_LAYOUT;
  public static final ClassName SLOT = RuntimeNames.PARAM_SLOT;

  /** One tensor: {@code connected[out][in]} for a table-connected conv weight, else null. */
  public record Tensor(String name, String layer, String role, int[] shape, int fanIn, int fanOut,
                       boolean[][] connected, String constant, int offset, int length) {}

  /** A non-trainable buffer (batch-norm running statistics), in the separate buffer array. */
  public record Buffer(String name, String layer, int[] shape, double initial, String constant, int offset,
                       int length) {}

  private final List<Tensor> tensors = new ArrayList<>();
  private final List<Buffer> buffers = new ArrayList<>();
  private int offset;
  private int bufferOffset;

  /** Adds a buffer and returns the constant naming its offset in the buffer array. */
  public String addBuffer(String layer, String constant, String suffix, int[] shape, double initial) {
    int length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    String name = constant + "_" + suffix.toUpperCase();
    buffers.add(new Buffer(layer + "." + suffix, layer, shape, initial, name, bufferOffset, length));
    bufferOffset += length;
    return name;
  }

  public List<Buffer> buffers() {
    return buffers;
  }

  public int bufferSize() {
    return bufferOffset;
  }

  /** Adds a tensor and returns the constant naming its offset. */
  public String add(String layer, String constant, String suffix, String role, int[] shape, int fanIn, int fanOut) {
    return add(layer, constant, suffix, role, shape, fanIn, fanOut, null);
  }

  public String add(String layer, String constant, String suffix, String role, int[] shape, int fanIn, int fanOut,
                    boolean[][] connected) {
    int length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (connected != null) {
      int pairs = 0;
      for (boolean[] row : connected) {
        for (boolean c : row) {
          pairs += c ? 1 : 0;
        }
      }
      length = pairs * shape[2] * shape[3];
    }
    String name = constant + "_" + suffix.toUpperCase();
    tensors.add(new Tensor(layer + "." + suffix, layer, role, shape, fanIn, fanOut, connected, name, offset, length));
    offset += length;
    return name;
  }

  public List<Tensor> tensors() {
    return tensors;
  }

  public int size() {
    return offset;
  }

  /** One {@code b.add…(…)} statement per tensor and buffer, building the runtime layout on a builder {@code b}. */
  public List<CodeBlock> layoutStatements() {
    List<CodeBlock> out = new ArrayList<>();
    for (Tensor t : tensors) {
      String shape = shapeLiteral(t.shape());
      if (t.connected() == null) {
        out.add(CodeBlock.builder().addStatement("b.add($S, $S, $T.Role.$L, $L, $L, $L)", t.name(), t.layer(), SLOT,
            t.role(), shape, t.fanIn(), t.fanOut()).build());
      } else {
        List<String> rows = new ArrayList<>();
        for (boolean[] row : t.connected()) {
          List<String> cells = new ArrayList<>();
          for (boolean c : row) {
            cells.add(Boolean.toString(c));
          }
          rows.add("{" + String.join(", ", cells) + "}");
        }
        out.add(CodeBlock.builder().addStatement("b.addTable($S, $S, $L, $L, $L, new boolean[][] {$L})", t.name(),
            t.layer(), shape, t.fanIn(), t.fanOut(), String.join(",\n    ", rows)).build());
      }
    }
    for (Buffer buf : buffers) {
      String shape = shapeLiteral(buf.shape());
      out.add(CodeBlock.builder().addStatement("b.addBuffer($S, $S, $L, $Lf)", buf.name(), buf.layer(), shape,
          (float) buf.initial()).build());
    }
    return out;
  }

  private static String shapeLiteral(int[] shape) {
    return "new int[] {" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + "}";
  }
}
