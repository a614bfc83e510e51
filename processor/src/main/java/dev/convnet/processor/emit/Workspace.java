package dev.convnet.processor.emit;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers a generated class owns besides parameters: per-batch buffers (activations, deltas, arg-max indices,
 * saved means; {@code perSample} values per sample, reallocated only when a larger batch arrives) and per-sample
 * scratch planes (padded copies), allocated once.
 */
public final class Workspace {
  /**
   * One buffer field. {@code fill} is a Java expression for its initial value, or null for zeros; {@code rows} is
   * null for a flat array, else the number of rows of a two-dimensional scratch array ({@code perSample} values
   * each).
   */
  public record Buffer(String field, TypeName elementType, String perSample, boolean perBatch, String fill,
                       String doc, String rows) {}

  private final List<Buffer> buffers = new ArrayList<>();

  public void perBatch(String field, TypeName type, String perSample, String doc) {
    buffers.add(new Buffer(field, type, perSample, true, null, doc, null));
  }

  public void scratch(String field, TypeName type, String size, String fill, String doc) {
    buffers.add(new Buffer(field, type, size, false, fill, doc, null));
  }

  /** Scratch rows, each its own array starting at index 0 (so that loops over them vectorize): {@code rows × size}. */
  public void scratchRows(String field, TypeName type, String rows, String size, String doc) {
    buffers.add(new Buffer(field, type, size, false, null, doc, rows));
  }

  /**
   * Adds {@code other}'s buffers that this workspace lacks (another form of the same layers, {@link VectorVariants});
   * a buffer of the same name must be the same buffer.
   *
   * @throws IllegalStateException when two forms declare one name differently (a processor bug)
   */
  public void absorb(Workspace other) {
    for (Buffer b : other.buffers) {
      Buffer mine = buffers.stream().filter(m -> m.field().equals(b.field())).findFirst().orElse(null);
      if (mine == null) {
        buffers.add(b);
      } else if (!mine.equals(b)) {
        throw new IllegalStateException("two forms of a layer declare the buffer " + b.field() + " differently: "
            + mine + " and " + b);
      }
    }
  }

  public List<Buffer> buffers() {
    return buffers;
  }
}
