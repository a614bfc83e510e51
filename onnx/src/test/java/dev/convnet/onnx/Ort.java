package dev.convnet.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime on one batch: the test's outside truth for exports. */
public final class Ort {
  private Ort() {}

  /** The model's single output for {@code input} of shape {@code [batch, c, h, w]}, flattened. */
  public static float[] run(Path model, float[] input, long... shape) throws OrtException {
    return run(model, null, input, shape);
  }

  /** The same for a model held in memory (serialized ONNX). */
  public static float[] run(byte[] model, float[] input, long... shape) throws OrtException {
    return run(null, model, input, shape);
  }

  private static float[] run(Path file, byte[] bytes, float[] input, long... shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(2);
      try (OrtSession session = file != null ? env.createSession(file.toString(), options)
              : env.createSession(bytes, options);
           OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
           OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
        OnnxTensor y = (OnnxTensor) result.get(0);
        FloatBuffer b = y.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
      }
    }
  }

  /** max |a − b| / max |b|: the error relative to the reference's largest magnitude. */
  public static double relativeError(float[] actual, float[] reference) {
    if (actual.length != reference.length) {
      throw new AssertionError("lengths differ: " + actual.length + " vs " + reference.length);
    }
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs((double) actual[i] - reference[i]));
      scale = Math.max(scale, Math.abs(reference[i]));
      if (!Float.isFinite(actual[i])) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return scale == 0 ? worst : worst / scale;
  }
}
