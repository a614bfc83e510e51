package dev.convnet.examples.oracle;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One PyTorch float64 reference case from {@code src/test/resources/oracle} (see its README). */
public final class Oracle {
  /** A tensor: shape and row-major values. */
  public record Tensor(int[] shape, double[] data) {
    public float[] floats() {
      float[] f = new float[data.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) data[i];
      }
      return f;
    }

    public int[] ints() {
      int[] n = new int[data.length];
      for (int i = 0; i < n.length; i++) {
        n[i] = (int) data[i];
      }
      return n;
    }
  }

  /** An optimizer run: settings, the loss before each step, parameters after the last step. */
  public record Steps(String optimizer, Map<String, Double> settings, int steps, double[] lossesBefore,
                      Map<String, Tensor> paramsAfter) {}

  public final String name;
  public final Tensor input;
  public final Tensor target;
  public final Map<String, Tensor> params;
  public final Tensor output;
  public final double loss;
  public final Map<String, Tensor> grads;
  public final Tensor inputGrad;
  public final List<Steps> steps;
  public final Map<String, Tensor> buffers;

  private Oracle(JsonObject o) {
    name = o.get("name").getAsString();
    input = tensor(o.getAsJsonObject("input"));
    target = tensor(o.getAsJsonObject("target"));
    params = tensors(o.getAsJsonObject("params"));
    output = tensor(o.getAsJsonObject("output"));
    loss = o.get("loss").getAsDouble();
    grads = tensors(o.getAsJsonObject("grads"));
    inputGrad = tensor(o.getAsJsonObject("input_grad"));
    steps = new ArrayList<>();
    if (o.has("steps")) {
      for (JsonElement e : o.getAsJsonArray("steps")) {
        JsonObject s = e.getAsJsonObject();
        Map<String, Double> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> kv : s.getAsJsonObject("settings").entrySet()) {
          JsonElement v = kv.getValue();
          settings.put(kv.getKey(), v.getAsJsonPrimitive().isBoolean() ? (v.getAsBoolean() ? 1.0 : 0.0)
              : v.getAsDouble());
        }
        steps.add(new Steps(s.get("optimizer").getAsString(), settings, s.get("steps").getAsInt(),
            doubles(s.getAsJsonArray("losses_before_each_step")), tensors(s.getAsJsonObject("params_after"))));
      }
    }
    buffers = o.has("buffers") ? tensors(o.getAsJsonObject("buffers")) : Map.of();
  }

  public static Oracle load(String name) {
    try (InputStream raw = Oracle.class.getResourceAsStream("/oracle/" + name + ".json.gz")) {
      if (raw == null) {
        throw new IllegalArgumentException("no oracle file " + name);
      }
      try (InputStreamReader r = new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)) {
        return new Oracle(JsonParser.parseReader(r).getAsJsonObject());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int batch() {
    return input.shape()[0];
  }

  private static Tensor tensor(JsonObject o) {
    JsonArray shape = o.getAsJsonArray("shape");
    int[] s = new int[shape.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = shape.get(i).getAsInt();
    }
    return new Tensor(s, doubles(o.getAsJsonArray("data")));
  }

  private static Map<String, Tensor> tensors(JsonObject o) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      m.put(e.getKey(), tensor(e.getValue().getAsJsonObject()));
    }
    return m;
  }

  private static double[] doubles(JsonArray a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsDouble();
    }
    return d;
  }
}
