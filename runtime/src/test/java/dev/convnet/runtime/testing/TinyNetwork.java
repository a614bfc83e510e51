package dev.convnet.runtime.testing;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerProfile;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written {@link CompiledNetwork} for runtime tests: input → optional dense "hidden" layer with tanh → dense
 * "out" layer (logits). With {@code hidden = 0} it is a linear softmax classifier. It can poison a layer's output or a
 * gradient with NaN at a chosen call, and records {@code setTraining} calls. Optionally its layout has two buffers,
 * {@code out.running_mean} (initial 0) and {@code out.running_var} (initial 1), one value per class, which the
 * computation does not use.
 */
public final class TinyNetwork implements CompiledNetwork {
  private final String name;
  private final String fingerprint;
  private final Shape inputShape;
  private final Shape outputShape;
  private final int in;
  private final int hidden;
  private final int classes;
  private final boolean statistics;
  private final ParameterLayout layout;
  private final Parameters parameters;
  private final float[] gradients;
  private final List<LayerInfo> layers = new ArrayList<>();
  private final List<LayerSpec> architecture = new ArrayList<>();

  private int capacity;
  private int batch;
  private float[] x = new float[0];
  private float[] h = new float[0];
  private float[] out = new float[0];
  private float[] dh = new float[0];
  private float[] dx = new float[0];

  private String poisonLayer;
  private int poisonForward;
  private String poisonSlot;
  private int poisonBackward;
  private int forwards;
  private int backwards;
  private final List<Boolean> trainingCalls = new ArrayList<>();

  public TinyNetwork(String name, Shape inputShape, int hidden, int classes) {
    this(name, inputShape, hidden, classes, "tiny:" + inputShape + ":" + hidden + ":" + classes);
  }

  /** With a chosen fingerprint (to test what a loader does when only the layout differs). */
  public TinyNetwork(String name, Shape inputShape, int hidden, int classes, String fingerprint) {
    this(name, inputShape, hidden, classes, fingerprint, false);
  }

  /** With a chosen fingerprint and, if {@code statistics}, the two running-statistics buffers. */
  public TinyNetwork(String name, Shape inputShape, int hidden, int classes, String fingerprint,
                     boolean statistics) {
    this(name, inputShape, hidden, classes, fingerprint, statistics, null);
  }

  private TinyNetwork(String name, Shape inputShape, int hidden, int classes, String fingerprint,
                      boolean statistics, Parameters shared) {
    this.name = name;
    this.fingerprint = fingerprint;
    this.inputShape = inputShape;
    this.outputShape = Shape.vector(classes);
    this.in = inputShape.size();
    this.hidden = hidden;
    this.classes = classes;
    this.statistics = statistics;
    ParameterLayout.Builder b = ParameterLayout.builder();
    int last = in;
    layers.add(new LayerInfo("input", "Input", List.of(), inputShape, 0, 0, 0));
    architecture.add(LayerSpec.of("input", "input", List.of(), inputShape));
    if (hidden > 0) {
      b.add("hidden.weight", "hidden", ParamSlot.Role.WEIGHT, new int[] {hidden, in}, in, hidden);
      b.add("hidden.bias", "hidden", ParamSlot.Role.BIAS, new int[] {hidden}, in, hidden);
      layers.add(new LayerInfo("hidden", "Dense " + hidden + ", tanh", List.of("input"), Shape.vector(hidden),
          (long) hidden * (in + 1), (long) hidden * (in + 1), (long) hidden * in));
      architecture.add(LayerSpec.of("hidden", "dense", List.of("input"), Shape.vector(hidden), "units",
          Integer.toString(hidden), "bias", "true", "activation", "tanh"));
      last = hidden;
    }
    b.add("out.weight", "out", ParamSlot.Role.WEIGHT, new int[] {classes, last}, last, classes);
    b.add("out.bias", "out", ParamSlot.Role.BIAS, new int[] {classes}, last, classes);
    layers.add(new LayerInfo("out", "Dense " + classes, List.of(hidden > 0 ? "hidden" : "input"),
        Shape.vector(classes), (long) classes * (last + 1), (long) classes * (last + 1), (long) classes * last));
    architecture.add(LayerSpec.of("out", "dense", List.of(hidden > 0 ? "hidden" : "input"), Shape.vector(classes),
        "units", Integer.toString(classes), "bias", "true", "activation", "identity"));
    if (statistics) {
      b.addBuffer("out.running_mean", "out", new int[] {classes}, 0);
      b.addBuffer("out.running_var", "out", new int[] {classes}, 1);
    }
    this.layout = b.build();
    this.parameters = shared != null ? shared : new Parameters(layout);
    this.gradients = new float[layout.size()];
  }

  /** Initializes the parameters (PyTorch's default) from a seed; returns this. */
  public TinyNetwork initialize(long seed) {
    parameters.initialize(Init.PYTORCH_DEFAULT, seed);
    return this;
  }

  /** Replaces the output of {@code layer} ("hidden" or "out") value 0 by NaN in forward call number {@code call}. */
  public TinyNetwork poisonOutput(String layer, int call) {
    this.poisonLayer = layer;
    this.poisonForward = call;
    return this;
  }

  /** Sets the first gradient value of {@code slot} to NaN in backward call number {@code call}. */
  public TinyNetwork poisonGradient(String slot, int call) {
    this.poisonSlot = slot;
    this.poisonBackward = call;
    return this;
  }

  /** Every {@code setTraining} argument so far, in order. */
  public List<Boolean> trainingCalls() {
    return trainingCalls;
  }

  public int forwards() {
    return forwards;
  }

  @Override
  public void setProfiling(boolean on) {
    throw new UnsupportedOperationException("the test network does not time its layers");
  }

  @Override
  public LayerProfile profile() {
    throw new UnsupportedOperationException("the test network does not time its layers");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape inputShape() {
    return inputShape;
  }

  @Override
  public Shape outputShape() {
    return outputShape;
  }

  @Override
  public List<LayerInfo> layers() {
    return layers;
  }

  @Override
  public List<LayerSpec> architecture() {
    return architecture;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public Parameters parameters() {
    return parameters;
  }

  @Override
  public float[] gradients() {
    return gradients;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public float[] forward(float[] input, int offset, int batch) {
    if (offset < 0 || batch < 1 || (long) offset + (long) batch * in > input.length) {
      throw new IllegalArgumentException("input holds " + input.length + " values, need " + offset + " + "
          + batch + " × " + in);
    }
    ensureCapacity(batch);
    this.batch = batch;
    forwards++;
    System.arraycopy(input, offset, x, 0, batch * in);
    float[] p = parameters.data();
    float[] last = x;
    int lastSize = in;
    if (hidden > 0) {
      dense(p, slot("hidden.weight"), slot("hidden.bias"), x, in, h, hidden, batch);
      for (int i = 0; i < batch * hidden; i++) {
        h[i] = (float) Math.tanh(h[i]);
      }
      if ("hidden".equals(poisonLayer) && forwards == poisonForward) {
        h[0] = Float.NaN;
      }
      last = h;
      lastSize = hidden;
    }
    dense(p, slot("out.weight"), slot("out.bias"), last, lastSize, out, classes, batch);
    if ("out".equals(poisonLayer) && forwards == poisonForward) {
      out[0] = Float.NaN;
    }
    return out;
  }

  @Override
  public float[] backward(float[] outputGradient) {
    backwards++;
    java.util.Arrays.fill(gradients, 0);
    float[] p = parameters.data();
    java.util.Arrays.fill(dx, 0, batch * in, 0);
    if (hidden > 0) {
      java.util.Arrays.fill(dh, 0, batch * hidden, 0);
      denseBackward(p, slot("out.weight"), slot("out.bias"), h, hidden, outputGradient, classes, batch, dh);
      for (int i = 0; i < batch * hidden; i++) {
        dh[i] *= 1 - h[i] * h[i];
      }
      denseBackward(p, slot("hidden.weight"), slot("hidden.bias"), x, in, dh, hidden, batch, dx);
    } else {
      denseBackward(p, slot("out.weight"), slot("out.bias"), x, in, outputGradient, classes, batch, dx);
    }
    if (poisonSlot != null && backwards == poisonBackward) {
      gradients[slot(poisonSlot)] = Float.NaN;
    }
    return dx;
  }

  @Override
  public float[] layerOutput(String layer) {
    return switch (layer) {
      case "input" -> x;
      case "hidden" -> {
        if (hidden == 0) {
          throw new IllegalArgumentException("no layer " + layer);
        }
        yield h;
      }
      case "out" -> out;
      default -> throw new IllegalArgumentException("no layer " + layer);
    };
  }

  @Override
  public void setTraining(boolean training) {
    trainingCalls.add(training);
  }

  @Override
  public CompiledNetwork newWorker() {
    return new TinyNetwork(name, inputShape, hidden, classes, fingerprint, statistics, parameters);
  }

  private int slot(String name) {
    return layout.slot(name).offset();
  }

  private void ensureCapacity(int n) {
    if (n > capacity) {
      capacity = n;
      x = new float[n * in];
      h = new float[n * Math.max(hidden, 1)];
      out = new float[n * classes];
      dh = new float[n * Math.max(hidden, 1)];
      dx = new float[n * in];
    }
  }

  /** {@code y[b][o] = bias[o] + Σ_i w[o][i] · x[b][i]}. */
  private static void dense(float[] p, int w, int bias, float[] x, int inSize, float[] y, int outSize, int batch) {
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < outSize; o++) {
        float s = p[bias + o];
        for (int i = 0; i < inSize; i++) {
          s += p[w + o * inSize + i] * x[b * inSize + i];
        }
        y[b * outSize + o] = s;
      }
    }
  }

  /** Accumulates the weight and bias gradients of {@link #dense} into {@link #gradients}, and adds dL/dx to dx. */
  private void denseBackward(float[] p, int w, int bias, float[] x, int inSize, float[] dy, int outSize, int batch,
                             float[] dx) {
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < outSize; o++) {
        float g = dy[b * outSize + o];
        gradients[bias + o] += g;
        for (int i = 0; i < inSize; i++) {
          gradients[w + o * inSize + i] += g * x[b * inSize + i];
          dx[b * inSize + i] += p[w + o * inSize + i] * g;
        }
      }
    }
  }
}
