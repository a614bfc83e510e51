package dev.convnet.processor.fuzz;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a generated network (the float64 twin tightly, the float32 class loosely) and the {@link Reference} on the
 * same random parameters, buffers, inputs and targets, and compares output, loss, every parameter gradient and the
 * input gradient of a training-mode pass, then the batch-norm running statistics it updated, then (for networks with
 * batch norm or dropout) the same of an inference-mode pass.
 */
final class DifferentialCheck {
  /**
   * Everything of the float64 classes. Worst measured (CI's 150 declarations with the regression cases, 2,000 with
   * seed 7, 600 with seed 11): parameter gradient 2.1e-10, input gradient 2.3e-12, output 8.1e-11 (a batch norm of
   * an almost constant map: outputs of 3.5e-15 are rounding residues, measured against the floor 1e-6), loss
   * 3.9e-14, running statistics 2.9e-14. Random declarations have a long tail (the worst grows with the run: 1.8e-14
   * for outputs over 2,000 declarations, then 8.1e-11 in the next 600), so this limit cannot come down.
   */
  static final double TIGHT = 1e-9;
  /**
   * Everything of the float32 classes. Worst measured (as above): gradients 2.7e-4, loss 3.6e-5, output 1.3e-5,
   * running statistics 1.3e-6.
   */
  static final double LOOSE = 1e-3;

  private final NetSpec spec;
  private final int batch;
  private final double[] input;
  private final Map<String, double[]> params = new LinkedHashMap<>();
  /** Initial batch-norm running statistics (float-representable), by name. */
  private final Map<String, double[]> buffers = new LinkedHashMap<>();
  /** Whether the network behaves differently in inference mode (batch norm, dropout). */
  private final boolean modal;
  private final int[] labels;
  private final double[] targets;
  private final float[] targetsFloat;
  private final int inSize;
  private final int outSize;
  private final List<String> problems = new ArrayList<>();

  DifferentialCheck(NetSpec spec, long seed) {
    this.spec = spec;
    SplittableRandom random = new SplittableRandom(seed);
    List<NetSpec.Shape> shapes = spec.shapes();
    inSize = shapes.get(0).size();
    outSize = shapes.get(shapes.size() - 1).size();
    List<LayerSpec> layers = spec.expanded();
    boolean batchNorm = layers.stream().anyMatch(l -> l.kind == LayerSpec.Kind.BATCHNORM);
    modal = batchNorm || layers.stream().anyMatch(l -> l.kind == LayerSpec.Kind.DROPOUT);
    batch = random.nextInt(batchNorm ? 2 : 1, 4); // batch statistics of one sample are degenerate
    input = new double[batch * inSize];
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextDouble(-1, 1);
    }
    for (Map.Entry<String, int[]> e : Reference.parameterShapes(spec).entrySet()) {
      int[] shape = e.getValue();
      int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      int fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape.length == 2 ? shape[1] : 1;
      double bound = Math.min(1, 1.5 / Math.sqrt(fanIn));
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextDouble(-bound, bound);
      }
      params.put(e.getKey(), v);
    }
    for (Map.Entry<String, int[]> e : Reference.bufferShapes(spec).entrySet()) {
      double[] v = new double[e.getValue()[0]];
      boolean mean = e.getKey().endsWith(".running_mean");
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (mean ? random.nextDouble(-0.5, 0.5) : random.nextDouble(0.5, 1.5));
      }
      buffers.put(e.getKey(), v);
    }
    for (LayerSpec l : layers) {
      if (l.table != null && !l.frozen()) { // weights outside the connection table do not exist
        double[] w = params.get(l.name + ".weight");
        int inC = l.table.length;
        int taps = l.kh * l.kw;
        for (int o = 0; o < l.filters; o++) {
          for (int i = 0; i < inC; i++) {
            if (l.table[i].charAt(o) != 'X') {
              Arrays.fill(w, (o * inC + i) * taps, (o * inC + i + 1) * taps, 0);
            }
          }
        }
      }
    }
    labels = new int[batch];
    targets = new double[batch * outSize];
    targetsFloat = new float[targets.length];
    for (int b = 0; b < batch; b++) {
      labels[b] = random.nextInt(outSize);
    }
    for (int i = 0; i < targets.length; i++) {
      targets[i] = spec.loss.equals("binary-cross-entropy-with-logits") ? random.nextDouble()
          : random.nextDouble(-1, 1);
      targets[i] = (float) targets[i]; // exactly representable in both precisions
      targetsFloat[i] = (float) targets[i];
    }
  }

  private Targets runtimeTargets() {
    return RefLoss.usesLabels(spec.loss) ? Targets.labels(labels, 0) : Targets.values(targetsFloat, 0);
  }

  /** One pass: output, loss, gradients (by parameter name, plus "input"), and the buffers after it. */
  private record Result(double[] output, double loss, Map<String, double[]> grads, Map<String, double[]> buffers,
                        double scale) {
    Result(double[] output, double loss, Map<String, double[]> grads, Map<String, double[]> buffers) {
      this(output, loss, grads, buffers, 0);
    }
  }

  /**
   * Max-pooling windows whose two largest values are closer than this (relative) may route the float32 gradient to
   * another element than float64 does: legitimately different, so float32 gradients are then not compared.
   */
  static final double FLOAT32_TIE = 1e-5;

  private double closestMaxTie = Double.POSITIVE_INFINITY;

  /** The reference's training-mode pass, then its inference-mode pass when the network has one. */
  private Result[] reference() {
    Map<String, double[]> bufs = new LinkedHashMap<>();
    buffers.forEach((k, v) -> bufs.put(k, v.clone()));
    Reference ref = new Reference(spec, params, bufs);
    Result training = referencePass(ref);
    closestMaxTie = ref.closestMaxTie();
    if (!modal) {
      return new Result[] {training};
    }
    ref = new Reference(spec, params, bufs); // fresh gradients, the updated running statistics
    ref.training = false;
    Result inference = referencePass(ref);
    closestMaxTie = Math.min(closestMaxTie, ref.closestMaxTie());
    return new Result[] {training, inference};
  }

  private Result referencePass(Reference ref) {
    double[][] in = new double[batch][];
    for (int b = 0; b < batch; b++) {
      in[b] = Arrays.copyOfRange(input, b * inSize, (b + 1) * inSize);
    }
    double[][] y = ref.forward(in);
    double[] out = new double[batch * outSize];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(y[b], 0, out, b * outSize, outSize);
    }
    double[] dOut = new double[out.length];
    double loss = RefLoss.compute(spec.loss, out, batch, outSize, labels, targets, dOut);
    double[][] d = new double[batch][];
    for (int b = 0; b < batch; b++) {
      d[b] = Arrays.copyOfRange(dOut, b * outSize, (b + 1) * outSize);
    }
    double[][] dx = ref.backward(d);
    double[] dIn = new double[input.length];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(dx[b], 0, dIn, b * inSize, inSize);
    }
    Map<String, double[]> grads = new LinkedHashMap<>(ref.gradients());
    grads.put("input", dIn);
    Map<String, double[]> bufs = new LinkedHashMap<>();
    buffers.keySet().forEach(k -> bufs.put(k, ref.buffer(k)));
    return new Result(out, loss, grads, bufs, ref.deltaScale());
  }

  /** The float64 twin's running statistics, through its public {@code buffers()} (not part of the interface). */
  private static Map<String, double[]> buffers64(CompiledNetwork64 net, Iterable<String> names) {
    Map<String, double[]> out = new LinkedHashMap<>();
    try {
      double[] all = (double[]) net.getClass().getMethod("buffers").invoke(net);
      for (String name : names) {
        dev.convnet.runtime.BufferSlot s = net.layout().buffer(name);
        out.put(name, Arrays.copyOfRange(all, s.offset(), s.offset() + s.length()));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void setBuffers64(CompiledNetwork64 net, Map<String, double[]> values) {
    try {
      double[] all = (double[]) net.getClass().getMethod("buffers").invoke(net);
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        System.arraycopy(e.getValue(), 0, all, net.layout().buffer(e.getKey()).offset(), e.getValue().length);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private Result[] run64(CompiledNetwork64 net) {
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      net.set(e.getKey(), e.getValue());
    }
    if (!buffers.isEmpty()) {
      setBuffers64(net, buffers);
    }
    net.setTraining(true);
    Result training = pass64(net);
    if (!modal) {
      return new Result[] {training};
    }
    net.setTraining(false);
    return new Result[] {training, pass64(net)};
  }

  private Result pass64(CompiledNetwork64 net) {
    double[] out = Arrays.copyOf(net.forward(input.clone(), 0, batch), batch * outSize);
    double[] dOut = new double[out.length];
    Loss loss = Losses.byName(spec.loss);
    double value = loss.compute(out, batch, outSize, runtimeTargets(), dOut);
    double[] dIn = Arrays.copyOf(net.backward(dOut), input.length);
    Map<String, double[]> grads = new LinkedHashMap<>();
    for (String name : params.keySet()) {
      grads.put(name, net.gradient(name));
    }
    grads.put("input", dIn);
    return new Result(out, value, grads, buffers.isEmpty() ? Map.of() : buffers64(net, buffers.keySet()));
  }

  private Result[] run32(CompiledNetwork net) {
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      net.parameters().set(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, double[]> e : buffers.entrySet()) {
      float[] f = new float[e.getValue().length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) e.getValue()[i];
      }
      net.parameters().setBuffer(e.getKey(), f);
    }
    net.setTraining(true);
    Result training = pass32(net);
    if (!modal) {
      return new Result[] {training};
    }
    net.setTraining(false);
    return new Result[] {training, pass32(net)};
  }

  /** Layers that frozen copies computed inside a fused convolution (their outputs kept by a later layer). */
  static final java.util.concurrent.atomic.AtomicInteger FUSED_LAYERS = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A frozen copy must give the network's inference output bit for bit, fused or not; counts the layers it fused
   * (those whose {@code layerOutput} names the layer holding their result).
   */
  private void checkFrozen(CompiledNetwork net) {
    net.setTraining(false);
    float[] in = new float[input.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) input[i];
    }
    float[] expected = Arrays.copyOf(net.forward(in, 0, batch), batch * outSize);
    CompiledNetwork frozen = net.frozen();
    float[] got = Arrays.copyOf(frozen.forward(in, 0, batch), batch * outSize);
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(got[i])) {
        problems.add("the frozen copy's output " + i + " is " + got[i] + ", the network's inference output "
            + expected[i]);
        return;
      }
    }
    for (dev.convnet.runtime.LayerInfo layer : net.layers()) {
      try {
        frozen.layerOutput(layer.name());
      } catch (IllegalStateException e) {
        if (!e.getMessage().contains("fused into")) {
          throw e;
        }
        FUSED_LAYERS.incrementAndGet();
      }
    }
  }

  private Result pass32(CompiledNetwork net) {
    float[] in = new float[input.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) input[i];
    }
    float[] outF = net.forward(in, 0, batch);
    float[] dOutF = new float[batch * outSize];
    Loss loss = Losses.byName(spec.loss);
    double value = loss.compute(outF, batch, outSize, runtimeTargets(), dOutF);
    float[] dInF = net.backward(dOutF);
    Map<String, double[]> grads = new LinkedHashMap<>();
    for (String name : params.keySet()) {
      grads.put(name, Parameters.exportFrom(net.layout().slot(name), net.gradients()));
    }
    grads.put("input", toDouble(dInF, input.length));
    Map<String, double[]> bufs = new LinkedHashMap<>();
    for (String name : buffers.keySet()) {
      float[] f = net.parameters().getBuffer(name);
      bufs.put(name, toDouble(f, f.length));
    }
    return new Result(toDouble(outF, batch * outSize), value, grads, bufs);
  }

  private static double[] toDouble(float[] f, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Relative to the largest gradient, the norm below which a gradient is compared absolutely. */
  static final double CANCELLATION = 1e-4;

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** {@code ‖got − want‖ / max(‖want‖, floor)}. */
  static double error(double[] got, double[] want, double floor) {
    if (got.length != want.length) {
      return Double.POSITIVE_INFINITY;
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < want.length; i++) {
      double d = got[i] - want[i];
      diff += d * d;
      norm += want[i] * want[i];
    }
    double e = Math.sqrt(diff) / Math.max(Math.sqrt(norm), floor);
    return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
  }

  private void compare(String what, Result got, Result want, double tolerance, double floor) {
    compare(what, got, want, tolerance, floor, true);
  }

  /**
   * The worst error of each kind of comparison ("float32 gradient", ...) over every check in this JVM, for the fuzz
   * test to print beside the limits.
   */
  static final Map<String, Double> WORST = new java.util.concurrent.ConcurrentSkipListMap<>();

  private static double measured(String what, String quantity, double e) {
    WORST.merge(what.split(" ")[0] + " " + quantity, e, Math::max);
    return e;
  }

  private void compare(String what, Result got, Result want, double tolerance, double floor, boolean gradients) {
    double e = measured(what, "output", error(got.output, want.output, floor));
    if (!(e <= tolerance)) {
      problems.add(what + ": output differs by " + e + "\n    got  " + Arrays.toString(got.output)
          + "\n    want " + Arrays.toString(want.output));
      return; // everything after would differ too
    }
    e = measured(what, "loss", error(new double[] {got.loss}, new double[] {want.loss}, floor));
    if (!(e <= tolerance)) {
      problems.add(what + ": loss " + got.loss + " differs from " + want.loss + " by " + e);
    }
    for (Map.Entry<String, double[]> b : want.buffers.entrySet()) {
      e = measured(what, "running statistics", error(got.buffers.get(b.getKey()), b.getValue(), floor));
      if (!(e <= tolerance)) {
        problems.add(what + ": buffer " + b.getKey() + " differs by " + e + "\n    got  "
            + Arrays.toString(got.buffers.get(b.getKey())) + "\n    want " + Arrays.toString(b.getValue()));
      }
    }
    if (!gradients) {
      return;
    }
    // a gradient that cancels to (almost) zero, e.g. of a bias that batch norm's mean subtraction removes, is
    // measured against the largest gradient or backpropagated term: rounding leaves residues of their size
    double largest = want.scale;
    for (double[] g : want.grads.values()) {
      largest = Math.max(largest, norm(g));
    }
    double gradientFloor = Math.max(floor, largest * CANCELLATION);
    for (Map.Entry<String, double[]> g : want.grads.entrySet()) {
      e = measured(what, g.getKey().equals("input") ? "input gradient" : "parameter gradient",
          error(got.grads.get(g.getKey()), g.getValue(), gradientFloor));
      if (!(e <= tolerance)) {
        problems.add(what + ": gradient of " + g.getKey() + " differs by " + e + "\n    got  "
            + Arrays.toString(got.grads.get(g.getKey())) + "\n    want " + Arrays.toString(g.getValue()));
      }
    }
  }

  private void checkLayout(String what, dev.convnet.runtime.ParameterLayout layout, int in, int out) {
    Map<String, int[]> expected = Reference.parameterShapes(spec);
    Map<String, int[]> expectedBuffers = Reference.bufferShapes(spec);
    List<String> bufferNames = new ArrayList<>();
    for (dev.convnet.runtime.BufferSlot s : layout.buffers()) {
      bufferNames.add(s.name());
      if (!Arrays.equals(expectedBuffers.get(s.name()), s.shape())) {
        problems.add(what + ": buffer " + s.name() + " has shape " + s.shapeString() + ", expected "
            + (expectedBuffers.containsKey(s.name()) ? Arrays.toString(expectedBuffers.get(s.name())) : "none"));
      }
    }
    if (!bufferNames.equals(new ArrayList<>(expectedBuffers.keySet()))) {
      problems.add(what + ": buffers " + bufferNames + ", expected " + expectedBuffers.keySet());
    }
    List<String> names = new ArrayList<>();
    for (ParamSlot s : layout.slots()) {
      names.add(s.name());
      if (!expected.containsKey(s.name()) || !Arrays.equals(expected.get(s.name()), s.shape())) {
        problems.add(what + ": parameter " + s.name() + " has shape " + s.shapeString() + ", expected "
            + (expected.containsKey(s.name()) ? Arrays.toString(expected.get(s.name())) : "no such parameter"));
      }
    }
    if (!names.equals(new ArrayList<>(expected.keySet()))) {
      problems.add(what + ": parameters " + names + ", expected " + expected.keySet());
    }
    if (in != inSize || out != outSize) {
      problems.add(what + ": input/output sizes " + in + "/" + out + ", expected " + inSize + "/" + outSize);
    }
  }

  /** Compares both generated classes with the reference; returns the problems found (empty when they agree). */
  List<String> run(Class<?> class32, Class<?> class64) {
    Result[] want = reference();
    try {
      if (class64 != null) {
        CompiledNetwork64 net = (CompiledNetwork64) class64.getConstructor().newInstance();
        checkLayout("float64", net.layout(), net.inputShape().size(), net.outputShape().size());
        if (problems.isEmpty()) {
          Result[] got = run64(net);
          for (int i = 0; i < want.length && problems.isEmpty(); i++) {
            compare(i == 0 ? "float64" : "float64 inference", got[i], want[i], TIGHT, 1e-6);
          }
        }
      }
      if (class32 != null && problems.isEmpty()) {
        CompiledNetwork net = (CompiledNetwork) class32.getConstructor().newInstance();
        checkLayout("float32", net.layout(), net.inputSize(), net.outputSize());
        if (problems.isEmpty()) {
          Result[] got = run32(net);
          for (int i = 0; i < want.length && problems.isEmpty(); i++) {
            // near-ties in max pooling: float32 may pick another maximum; its outputs must agree all the same
            compare(i == 0 ? "float32" : "float32 inference", got[i], want[i], LOOSE, 1e-2,
                closestMaxTie >= FLOAT32_TIE);
          }
          if (problems.isEmpty()) {
            checkFrozen(net);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      java.io.StringWriter w = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(w));
      problems.add("running the generated class threw " + w);
    }
    return problems;
  }
}
