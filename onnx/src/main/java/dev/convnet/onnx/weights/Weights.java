package dev.convnet.onnx.weights;

import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and saves a network's parameters and buffers (batch-norm running statistics) as safetensors, by name, in
 * PyTorch's layouts ({@link ParamSlot#shape()}), through a {@link NameMap}.
 *
 * <p>{@link #load} changes nothing unless every tensor of the network is in the file with its shape and finite
 * values, and every tensor of the file has a place in the network (PyTorch's {@code num_batches_tracked} counters
 * excepted); each mismatch names the tensor, both shapes and the closest name.
 */
public final class Weights {
  /** The metadata keys {@link #save} writes. */
  public static final String NETWORK_KEY = "convnet.network";
  public static final String FINGERPRINT_KEY = "convnet.fingerprint";
  private static final String BATCH_COUNTER = "num_batches_tracked";

  private Weights() {}

  /** Loads a safetensors file into {@code net}; see the class comment. */
  public static void load(CompiledNetwork net, Path file, NameMap names) throws IOException {
    load(net, Safetensors.read(file), names, file.toString());
  }

  /** Loads read safetensors contents ({@code source} names them in errors) into {@code net}. */
  public static void load(CompiledNetwork net, Safetensors.Contents contents, NameMap names, String source)
      throws WeightsException {
    ParameterLayout layout = net.layout();
    Map<String, SafeTensor> file = contents.tensors();
    Map<String, int[]> wanted = expected(layout, names);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, int[]> e : wanted.entrySet()) {
      SafeTensor t = file.get(e.getKey());
      if (t == null) {
        String near = Closest.to(e.getKey(), file.keySet());
        problems.add("tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue()) + " is missing"
            + (near == null ? "" : "; closest name in the file: '" + near + "' " + file.get(near).shapeString()));
      } else if (!Arrays.equals(t.shape(), e.getValue())) {
        problems.add("tensor '" + e.getKey() + "' has shape " + t.shapeString() + " in the file, but " + net.name()
            + " needs " + Arrays.toString(e.getValue()) + closestWithShape(e.getKey(), e.getValue(), file));
      } else if (!t.dtype().floating()) {
        problems.add("tensor '" + e.getKey() + "' is " + t.dtype() + "; parameters must be F32, F64, F16 or BF16");
      }
    }
    for (SafeTensor t : file.values()) {
      if (!wanted.containsKey(t.name()) && !t.name().endsWith(BATCH_COUNTER)) {
        String near = Closest.to(t.name(), wanted.keySet());
        problems.add("tensor '" + t.name() + "' " + t.shapeString() + " has no place in " + net.name()
            + (near == null ? "" : "; closest name: '" + near + "' " + Arrays.toString(wanted.get(near))));
      }
    }
    if (!problems.isEmpty()) {
      long found = wanted.keySet().stream().filter(file::containsKey).count();
      String savedFrom = contents.metadata().get(NETWORK_KEY);
      String summary = (savedFrom != null && !savedFrom.equals(net.name()) ? "it was saved from network "
          + savedFrom + "; " : "") + (found == 0 ? "none" : Long.toString(found)) + " of the "
          + wanted.size() + " tensors " + net.name() + " needs are in it: ";
      throw new WeightsException(source + " does not fit " + net.name() + " (names " + names + "): " + summary
          + String.join("; ", problems.subList(0, Math.min(8, problems.size())))
          + (problems.size() > 8 ? "; and " + (problems.size() - 8) + " more" : ""));
    }
    Parameters staged = new Parameters(layout);
    for (ParamSlot s : layout.slots()) {
      String fileName = names.toFile(s.name());
      float[] values = finite(file.get(fileName), source);
      try {
        staged.set(s.name(), values);
      } catch (IllegalArgumentException e) {
        throw new WeightsException(source + ": tensor '" + fileName + "': " + e.getMessage());
      }
    }
    for (BufferSlot s : layout.buffers()) {
      staged.setBuffer(s.name(), finite(file.get(names.toFile(s.name())), source));
    }
    net.parameters().copyFrom(staged);
  }

  private static String closestWithShape(String name, int[] shape, Map<String, SafeTensor> file) {
    List<String> sameShape = new ArrayList<>();
    for (SafeTensor t : file.values()) {
      if (Arrays.equals(t.shape(), shape)) {
        sameShape.add(t.name());
      }
    }
    String near = Closest.to(name, sameShape);
    return near == null ? "" : "; closest name with that shape: '" + near + "'";
  }

  private static float[] finite(SafeTensor t, String source) throws WeightsException {
    float[] v = t.floats();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new WeightsException(source + ": tensor '" + t.name() + "' has a non-finite value " + v[i]
            + " at index " + i);
      }
    }
    return v;
  }

  /** Every file name the network needs, with its shape, parameters then buffers. */
  private static Map<String, int[]> expected(ParameterLayout layout, NameMap names) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (ParamSlot s : layout.slots()) {
      put(out, names.toFile(s.name()), s.shape(), s.name());
    }
    for (BufferSlot s : layout.buffers()) {
      put(out, names.toFile(s.name()), s.shape(), s.name());
    }
    return out;
  }

  private static void put(Map<String, int[]> out, String fileName, int[] shape, String ours) {
    if (out.put(fileName, shape) != null) {
      throw new IllegalArgumentException("the name map gives two tensors the name '" + fileName + "' (one is '"
          + ours + "')");
    }
  }

  /** The network's parameters and buffers as float32 tensors named by {@code names}, in layout order. */
  public static List<SafeTensor> tensors(CompiledNetwork net, NameMap names) {
    ParameterLayout layout = net.layout();
    Parameters p = net.parameters();
    List<SafeTensor> out = new ArrayList<>();
    for (ParamSlot s : layout.slots()) {
      out.add(SafeTensor.f32(names.toFile(s.name()), s.shape(), p.get(s.name())));
    }
    for (BufferSlot s : layout.buffers()) {
      out.add(SafeTensor.f32(names.toFile(s.name()), s.shape(), p.getBuffer(s.name())));
    }
    return out;
  }

  /** Saves the network's parameters and buffers as a safetensors file, replacing {@code file} atomically. */
  public static void save(CompiledNetwork net, Path file, NameMap names) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put(NETWORK_KEY, net.name());
    metadata.put(FINGERPRINT_KEY, net.fingerprint());
    Safetensors.write(file, tensors(net, names), metadata);
  }
}
