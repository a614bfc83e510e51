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
 * same random parameters, inputs and targets, and compares output, loss, every parameter gradient and the input
 * gradient.
 */
final class DifferentialCheck {
  static final double TIGHT = 1e-9;
  static final double LOOSE = 1e-3;

  private final NetSpec spec;
  private final int batch;
  private final double[] input;
  private final Map<String, double[]> params = new LinkedHashMap<>();
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
    batch = random.nextInt(1, 4);
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
    for (LayerSpec l : spec.layers) {
      if (l.table != null) { // weights outside the connection table do not exist
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

  /** The reference run: output, loss, gradients (by parameter name, plus "input"). */
  private record Result(double[] output, double loss, Map<String, double[]> grads) {}

  /**
   * Max-pooling windows whose two largest values are closer than this (relative) may route the float32 gradient to
   * another element than float64 does: legitimately different, so float32 gradients are then not compared.
   */
  static final double FLOAT32_TIE = 1e-5;

  private double closestMaxTie = Double.POSITIVE_INFINITY;

  private Result reference() {
    Reference ref = new Reference(spec, params);
    double[] out = new double[batch * outSize];
    for (int b = 0; b < batch; b++) {
      double[] y = ref.forward(Arrays.copyOfRange(input, b * inSize, (b + 1) * inSize));
      System.arraycopy(y, 0, out, b * outSize, outSize);
    }
    double[] dOut = new double[out.length];
    double loss = RefLoss.compute(spec.loss, out, batch, outSize, labels, targets, dOut);
    double[] dIn = new double[input.length];
    for (int b = 0; b < batch; b++) { // forward again: the reference keeps one sample's activations
      ref.forward(Arrays.copyOfRange(input, b * inSize, (b + 1) * inSize));
      double[] dx = ref.backward(Arrays.copyOfRange(dOut, b * outSize, (b + 1) * outSize));
      System.arraycopy(dx, 0, dIn, b * inSize, inSize);
    }
    Map<String, double[]> grads = new LinkedHashMap<>(ref.gradients());
    grads.put("input", dIn);
    closestMaxTie = ref.closestMaxTie();
    return new Result(out, loss, grads);
  }

  private Result run64(CompiledNetwork64 net) {
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      net.set(e.getKey(), e.getValue());
    }
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
    return new Result(out, value, grads);
  }

  private Result run32(CompiledNetwork net) {
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      net.parameters().set(e.getKey(), e.getValue());
    }
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
    return new Result(toDouble(outF, batch * outSize), value, grads);
  }

  private static double[] toDouble(float[] f, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = f[i];
    }
    return d;
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

  private void compare(String what, Result got, Result want, double tolerance, double floor, boolean gradients) {
    double e = error(got.output, want.output, floor);
    if (!(e <= tolerance)) {
      problems.add(what + ": output differs by " + e + "\n    got  " + Arrays.toString(got.output)
          + "\n    want " + Arrays.toString(want.output));
      return; // everything after would differ too
    }
    e = error(new double[] {got.loss}, new double[] {want.loss}, floor);
    if (!(e <= tolerance)) {
      problems.add(what + ": loss " + got.loss + " differs from " + want.loss + " by " + e);
    }
    if (!gradients) {
      return;
    }
    for (Map.Entry<String, double[]> g : want.grads.entrySet()) {
      e = error(got.grads.get(g.getKey()), g.getValue(), floor);
      if (!(e <= tolerance)) {
        problems.add(what + ": gradient of " + g.getKey() + " differs by " + e + "\n    got  "
            + Arrays.toString(got.grads.get(g.getKey())) + "\n    want " + Arrays.toString(g.getValue()));
      }
    }
  }

  private void checkLayout(String what, dev.convnet.runtime.ParameterLayout layout, int in, int out) {
    Map<String, int[]> expected = Reference.parameterShapes(spec);
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
    Result want = reference();
    try {
      if (class64 != null) {
        CompiledNetwork64 net = (CompiledNetwork64) class64.getConstructor().newInstance();
        checkLayout("float64", net.layout(), net.inputShape().size(), net.outputShape().size());
        if (problems.isEmpty()) {
          compare("float64", run64(net), want, TIGHT, 1e-6);
        }
      }
      if (class32 != null && problems.isEmpty()) {
        CompiledNetwork net = (CompiledNetwork) class32.getConstructor().newInstance();
        checkLayout("float32", net.layout(), net.inputSize(), net.outputSize());
        if (problems.isEmpty()) {
          // near-ties in max pooling: float32 may pick another maximum; its outputs must agree all the same
          compare("float32", run32(net), want, LOOSE, 1e-2, closestMaxTie >= FLOAT32_TIE);
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
