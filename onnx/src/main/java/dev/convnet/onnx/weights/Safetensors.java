package dev.convnet.onnx.weights;

import dev.convnet.onnx.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the safetensors format (Hugging Face; what PyTorch users share weights in): an unsigned 64-bit
 * little-endian header length {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor name to its
 * {@code dtype}, {@code shape} and {@code data_offsets} {@code [begin, end)} into the byte buffer that follows (plus
 * an optional {@code "__metadata__"} object of strings), then the tensors' raw little-endian bytes.
 *
 * <p>{@link #read} checks everything before returning: the header length against the file size, the JSON, every
 * type, shape and offset range (within the data, the right byte count for the shape, no overlap, no bytes left
 * over). {@link #write} writes a temporary file and renames it over the target, so a failed write leaves no partial
 * file.
 */
public final class Safetensors {
  private static final long MAX_HEADER = 100L << 20;
  private static final String METADATA = "__metadata__";

  private Safetensors() {}

  /** The tensors of a file in header order, and its metadata. */
  public record Contents(Map<String, SafeTensor> tensors, Map<String, String> metadata) {
    public Contents {
      tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /**
   * Reads a whole safetensors file.
   *
   * @throws WeightsException if it is not a valid safetensors file (the message names the file and the problem)
   * @throws IOException      if it cannot be read
   */
  public static Contents read(Path file) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new WeightsException("no such weights file: " + file);
    }
    if (size < 8) {
      throw new WeightsException(file + " is not a safetensors file: " + size
          + " bytes, less than the 8-byte header length it must start with");
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new WeightsException(file + " is " + size + " bytes; files over 2 GB are not supported");
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = all.getLong(0);
    if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
      throw new WeightsException(file + " is not a safetensors file or is truncated: its first 8 bytes give a header"
          + " of " + Long.toUnsignedString(headerLength) + " bytes, but the file has " + (size - 8)
          + " bytes after them");
    }
    String text = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new WeightsException(file + " is not a safetensors file: its header is not JSON (" + e.getMessage() + ")");
    }
    if (!(parsed instanceof Map<?, ?> header)) {
      throw new WeightsException(file + ": the safetensors header must be a JSON object");
    }
    int dataStart = 8 + (int) headerLength;
    long dataSize = size - dataStart;
    Map<String, SafeTensor> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (Map.Entry<?, ?> e : header.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA)) {
        readMetadata(file, e.getValue(), metadata);
        continue;
      }
      tensors.put(name, tensor(file, name, e.getValue(), all, dataStart, dataSize, ranges));
    }
    checkCoverage(file, ranges, dataSize);
    return new Contents(tensors, metadata);
  }

  private static void readMetadata(Path file, Object value, Map<String, String> into) throws WeightsException {
    if (!(value instanceof Map<?, ?> m)) {
      throw new WeightsException(file + ": \"__metadata__\" must be an object of strings");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new WeightsException(file + ": metadata \"" + e.getKey() + "\" must be a string");
      }
      into.put((String) e.getKey(), s);
    }
  }

  private static SafeTensor tensor(Path file, String name, Object value, ByteBuffer all, int dataStart,
                                   long dataSize, List<long[]> ranges) throws WeightsException {
    String where = file + ": tensor '" + name + "'";
    if (!(value instanceof Map<?, ?> m)) {
      throw new WeightsException(where + " must be described by an object with dtype, shape and data_offsets");
    }
    DType dtype = m.get("dtype") instanceof String s ? DType.parse(s) : null;
    if (dtype == null) {
      throw new WeightsException(where + " has dtype " + m.get("dtype") + "; supported: F32, F64, F16, BF16, I64, I32");
    }
    if (!(m.get("shape") instanceof List<?> dims)) {
      throw new WeightsException(where + " has no shape array");
    }
    int[] shape = new int[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
        throw new WeightsException(where + " has an invalid shape " + dims);
      }
      shape[i] = (int) (long) d;
      count *= d;
    }
    if (!(m.get("data_offsets") instanceof List<?> off) || off.size() != 2 || !(off.get(0) instanceof Long begin)
        || !(off.get(1) instanceof Long end)) {
      throw new WeightsException(where + " needs data_offsets [begin, end]");
    }
    if (begin < 0 || end < begin || end > dataSize) {
      throw new WeightsException(where + " has data_offsets [" + begin + ", " + end + "] outside the " + dataSize
          + " data bytes (truncated file?)");
    }
    if (end - begin != count * dtype.bytes()) {
      throw new WeightsException(where + " of shape " + dims + " " + dtype + " needs " + count * dtype.bytes()
          + " bytes, but its data_offsets [" + begin + ", " + end + "] give " + (end - begin));
    }
    ranges.add(new long[] {begin, end});
    ByteBuffer slice = ByteBuffer.wrap(all.array(), dataStart + (int) (long) begin, (int) (end - begin)).slice();
    return new SafeTensor(name, dtype, shape, slice);
  }

  private static void checkCoverage(Path file, List<long[]> ranges, long dataSize) throws WeightsException {
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long covered = 0;
    for (long[] r : ranges) {
      if (r[0] < covered) {
        throw new WeightsException(file + ": two tensors overlap at data byte " + r[0]);
      }
      covered = r[1];
    }
    if (covered != dataSize) {
      throw new WeightsException(file + ": " + (dataSize - covered) + " data bytes after the last tensor belong to "
          + "none (not a safetensors file, or a different one appended)");
    }
  }

  /**
   * Writes {@code tensors} (names unique) with {@code metadata} to {@code file}, replacing it atomically: on
   * failure the previous file, if any, is unchanged.
   */
  public static void write(Path file, List<SafeTensor> tensors, Map<String, String> metadata) throws IOException {
    byte[] header = header(tensors, metadata);
    AtomicFiles.write(file, out -> writeTo(out, header, tensors));
  }

  /** What {@link #write} writes, for a caller that writes several files together ({@link AtomicFiles#writeAll}). */
  public static AtomicFiles.Content content(List<SafeTensor> tensors, Map<String, String> metadata) {
    byte[] header = header(tensors, metadata);
    return out -> writeTo(out, header, tensors);
  }

  private static void writeTo(OutputStream out, byte[] header, List<SafeTensor> tensors) throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length).array());
    out.write(header);
    byte[] chunk = new byte[1 << 16];
    for (SafeTensor t : tensors) {
      ByteBuffer d = t.data().duplicate();
      while (d.hasRemaining()) {
        int n = Math.min(chunk.length, d.remaining());
        d.get(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    }
  }

  /** The JSON header, padded with spaces to a multiple of 8 bytes. */
  private static byte[] header(List<SafeTensor> tensors, Map<String, String> metadata) {
    Set<String> names = new HashSet<>();
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      json.append(Json.quote(METADATA)).append(":{");
      String sep = "";
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        json.append(sep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
        sep = ",";
      }
      json.append('}');
    }
    long offset = 0;
    for (SafeTensor t : tensors) {
      if (!names.add(t.name()) || t.name().equals(METADATA)) {
        throw new IllegalArgumentException("duplicate or reserved tensor name '" + t.name() + "'");
      }
      json.append(json.length() > 1 ? "," : "").append(Json.quote(t.name())).append(":{\"dtype\":\"")
          .append(t.dtype()).append("\",\"shape\":[");
      int[] shape = t.shape();
      for (int i = 0; i < shape.length; i++) {
        json.append(i > 0 ? "," : "").append(shape[i]);
      }
      long end = offset + t.data().remaining();
      json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
      offset = end;
    }
    json.append('}');
    byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
    if (header.length % 8 != 0) {
      header = (json + " ".repeat(8 - header.length % 8)).getBytes(StandardCharsets.UTF_8);
    }
    return header;
  }
}
