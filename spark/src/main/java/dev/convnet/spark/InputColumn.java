package dev.convnet.spark;

import dev.convnet.runtime.Shape;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one row's image column into a network input: an {@code array<float>} (or any numeric array) holding the
 * stored image in channel, row, column order, or a {@code binary} column of PNG/JPEG bytes; then applies the
 * {@link Preprocessing}. Every problem (null, wrong length, NaN or infinity, undecodable or wrongly sized image) is
 * described with the row's name: the value of the id column when one is set, else its position in its partition.
 */
final class InputColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind { ARRAY, IMAGE }

  private final String column;
  private final int index;
  private final Kind kind;
  private final String idColumn;
  private final int idIndex;
  private final Dims input;
  private final Dims stored;
  private final Preprocessing preprocessing;
  private final String network;

  /** The image column {@code column} of rows of {@code schema}, named in messages by {@code idColumn} if not null. */
  InputColumn(StructType schema, String column, String idColumn, Shape input, Preprocessing preprocessing,
              String network) {
    this(column, fieldIndex(schema, column, "image"), kindOf(schema, column), idColumn,
        idColumn == null ? -1 : fieldIndex(schema, idColumn, "id"), input, preprocessing, network);
  }

  /** Values given one at a time (a UDF's argument), called {@code label} in messages. */
  InputColumn(String label, Shape input, Preprocessing preprocessing, String network) {
    this(label, -1, null, null, -1, input, preprocessing, network);
  }

  private InputColumn(String column, int index, Kind kind, String idColumn, int idIndex, Shape input,
                      Preprocessing preprocessing, String network) {
    this.column = column;
    this.index = index;
    this.kind = kind;
    this.idColumn = idColumn;
    this.idIndex = idIndex;
    this.input = Dims.of(input);
    this.preprocessing = preprocessing;
    this.stored = Dims.of(preprocessing.storedShape(input));
    this.network = network;
  }

  private static Kind kindOf(StructType schema, String column) {
    DataType type = schema.fields()[fieldIndex(schema, column, "image")].dataType();
    if (type instanceof BinaryType) {
      return Kind.IMAGE;
    }
    if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
      return Kind.ARRAY;
    }
    throw new IllegalArgumentException("column '" + column + "' is " + type.simpleString() + "; an image column"
        + " is array<float> (channel, row, column order) or binary (PNG/JPEG bytes)");
  }

  static int fieldIndex(StructType schema, String name, String what) {
    for (int i = 0; i < schema.fields().length; i++) {
      if (schema.fields()[i].name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + what + " column '" + name + "' in " + schema.simpleString()
        + "; columns: " + String.join(", ", schema.fieldNames()));
  }

  /** Values of one stored image. */
  int storedSize() {
    return stored.shape().size();
  }

  /**
   * Writes row {@code row}'s network input to {@code dst[at ..]}.
   *
   * @param scratch at least {@link #storedSize()} floats (used when preprocessing)
   * @throws BadRowException naming the row and the problem
   */
  void read(Row row, long position, int partition, float[] scratch, float[] dst, int at) {
    String problem = row.isNullAt(index) ? "is null" : read(row.get(index), scratch, dst, at);
    if (problem != null) {
      throw new BadRowException(rowName(row, position, partition) + ": column '" + column + "' " + problem);
    }
  }

  /**
   * Writes the network input for one column value (a {@code byte[]} image or a Scala sequence of numbers) to
   * {@code dst[at ..]}.
   *
   * @return null when done, else what is wrong with the value (for a message naming the row)
   */
  String read(Object value, float[] scratch, float[] dst, int at) {
    float[] target = preprocessing.isIdentity() ? dst : scratch;
    int to = preprocessing.isIdentity() ? at : 0;
    if (value == null) {
      return "is null";
    }
    if (value instanceof byte[] bytes) {
      try {
        ImageDecoder.decode(bytes, stored.shape(), target, to);
      } catch (IOException e) {
        return "holds " + e.getMessage();
      }
    } else if (value instanceof scala.collection.Seq<?> values) {
      int n = values.length();
      int expected = stored.shape().size();
      if (n != expected) {
        return "holds " + n + " values; network " + network + " expects " + expected + " (" + stored.shape()
            + (preprocessing.isIdentity() ? "" : ", before " + preprocessing) + ")";
      }
      scala.collection.Iterator<?> it = values.iterator();
      for (int i = 0; i < n; i++) {
        Object v = it.next();
        if (v == null) {
          return "has a null at index " + i;
        }
        float f = ((Number) v).floatValue();
        if (!Float.isFinite(f)) {
          return "has " + f + " at index " + i + " (" + where(i) + ")";
        }
        target[to + i] = f;
      }
    } else {
      return "holds a " + value.getClass().getName() + ", neither an array of numbers nor image bytes";
    }
    if (!preprocessing.isIdentity()) {
      preprocessing.apply(scratch, 0, input.shape(), dst, at);
    }
    return null;
  }

  private String where(int i) {
    Shape stored = this.stored.shape();
    if (stored.vector()) {
      return "unit " + i;
    }
    int plane = stored.height() * stored.width();
    return String.format(Locale.ROOT, "channel %d, row %d, column %d", i / plane, i % plane / stored.width(),
        i % stored.width());
  }

  /** The row's name: its id column's value, or its position in the partition. */
  String rowName(Row row, long position, int partition) {
    if (idIndex >= 0) {
      return "row " + idColumn + "=" + (row.isNullAt(idIndex) ? "null" : row.get(idIndex));
    }
    return "row " + position + " of partition " + partition;
  }

  Kind kind() {
    return kind;
  }
}
