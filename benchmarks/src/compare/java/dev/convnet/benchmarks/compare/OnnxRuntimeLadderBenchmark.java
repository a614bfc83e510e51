package dev.convnet.benchmarks.compare;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.convnet.benchmarks.Ladder;
import dev.convnet.runtime.CompiledNetwork;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ONNX Runtime (Java, CPU execution provider, all graph optimizations: it folds batch norm into the convolutions,
 * fuses activations and residual adds, and runs convolutions in its NCHWc layout) running a ladder network, inference
 * only (its Java API does not train). Built only with {@code -Pcompare}.
 *
 * <p>The model is an ONNX file: {@code onnx} names one, or, left empty, setup exports the ladder's own network with
 * its seeded parameters through the project's exporter ({@code dev.convnet.onnx.export.Onnx.export(CompiledNetwork,
 * Path)}, looked up by name so that this harness builds before that module is on the class path) into a temporary
 * file deleted at teardown. Without the exporter and without a file, setup fails with a message saying so, and
 * {@code LadderTable} prints "–" for the cell.
 *
 * <p>{@code threads} is ONNX Runtime's intra-op thread count (inter-op: 1, sequential execution); concurrent
 * single-sample requests run this benchmark on several JMH threads with {@code threads = 1}, one session each.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OnnxRuntimeLadderBenchmark {
  /** The project's exporter, called by reflection. */
  static final String EXPORTER = "dev.convnet.onnx.export.Onnx";

  @Param({"lenet5"})
  public String network;

  @Param({"1"})
  public int batch;

  @Param({"1"})
  public int threads;

  /** An ONNX file to run; empty: export the ladder's network at setup. */
  @Param({""})
  public String onnx;

  private OrtEnvironment env;
  private OrtSession session;
  private OnnxTensor input;
  private String inputName;
  private Path exported;

  @Setup(Level.Trial)
  public void setUp() throws OrtException, IOException {
    Path file;
    if (onnx.isEmpty()) {
      exported = Files.createTempFile(network + "-", ".onnx");
      export(Ladder.of(network).create(), exported);
      file = exported;
    } else {
      file = Path.of(onnx);
      if (!Files.isReadable(file)) {
        throw new IOException("cannot read the ONNX model " + file.toAbsolutePath());
      }
    }
    env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      session = env.createSession(file.toString(), options);
    }
    if (session.getInputInfo().size() != 1) {
      throw new IllegalStateException(file + " has inputs " + session.getInputInfo().keySet() + "; expected one image");
    }
    NodeInfo info = session.getInputInfo().values().iterator().next();
    inputName = info.getName();
    long[] shape = ((TensorInfo) info.getInfo()).getShape().clone();
    if (shape.length != 4) {
      throw new IllegalStateException(file + ": input " + inputName + " has shape " + Arrays.toString(shape)
          + "; expected N×C×H×W");
    }
    if (shape[0] > 0 && shape[0] != batch) {
      throw new IllegalStateException(file + ": input " + inputName + " has a fixed batch of " + shape[0]
          + ", not " + batch);
    }
    shape[0] = batch;
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[Math.toIntExact(shape[0] * shape[1] * shape[2] * shape[3])];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
  }

  /** Exports {@code net} with the project's ONNX exporter, found by name. */
  static void export(CompiledNetwork net, Path file) throws IOException {
    Method export;
    try {
      export = Class.forName(EXPORTER).getMethod("export", CompiledNetwork.class, Path.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no ONNX exporter on the class path (" + EXPORTER + ".export(CompiledNetwork,"
          + " Path)): add the convnet-onnx module to the compare profile, or pass -p onnx=FILE", e);
    }
    try {
      export.invoke(null, net, file);
    } catch (InvocationTargetException e) {
      throw new IOException("exporting " + net.name() + " to " + file + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException, IOException {
    if (input != null) {
      input.close();
    }
    if (session != null) {
      session.close();
    }
    if (exported != null) {
      Files.deleteIfExists(exported);
    }
  }

  /** One inference pass over the batch; returns the first output's first value. */
  @Benchmark
  public float infer() throws OrtException {
    try (OrtSession.Result result = session.run(Map.of(inputName, input))) {
      return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
    }
  }
}
