package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * Writes one layer kind's part of a generated network: its parameters, its buffers, and its forward and backward
 * pass for one sample. There is one implementation per layer record of the model, named after it.
 *
 * <p>Forward code runs with {@code x}/{@code xo} (the input sample) and {@code y}/{@code yo} (the output sample)
 * defined; backward code additionally with {@code dy} (d(loss)/d(pre-activation) at the output, the activation's
 * derivative already applied) and {@code dx} (d(loss)/d(input), to be accumulated into with {@code +=}, at
 * {@code xo}). Parameters are {@code p}, gradients {@code g}. The activation itself is applied by the caller.
 */
public interface LayerEmitter {
  /** Registers this layer's parameter tensors. */
  public default void parameters(ParamPlan plan) {}

  /** Registers buffers beyond the layer's output and delta. */
  public default void workspace(Workspace ws) {}

  /** How the layer is computed and why (the kernel strategy chosen for its shapes), for its Javadoc; or null. */
  default String strategy() {
    return null;
  }

  /** Computes the layer's pre-activation output for sample {@code n}. */
  public CodeBlock forward();

  /** Accumulates parameter gradients and the input delta for sample {@code n}. */
  public CodeBlock backward();

  /** Private helper methods: kernels, split-off parts of long straight-line code. */
  public default List<MethodSpec> helpers() {
    return List.of();
  }

  /**
   * Whether {@link #forward()} and {@link #backward()} handle the whole batch at once (batch statistics): then they
   * run once per pass with {@code batch} samples, {@code x} and {@code y} (and {@code dy}, {@code dx}) naming the
   * whole buffers, and the caller applies the activation per sample.
   */
  public default boolean wholeBatch() {
    return false;
  }

  /**
   * For a frozen copy's fusion ({@link Fusion}): code that fills the float arrays {@code scale} and {@code shift},
   * one value per channel, with this layer's inference-mode map, so that {@code x·scale + shift} (rounded to float
   * after the product and after the sum) is exactly its output before the activation; or null (the default) when the
   * layer is not such a per-channel map.
   */
  default CodeBlock inferenceAffine(String scale, String shift) {
    return null;
  }

  /** Whether the layer's output is the sum of its inputs in their order (a residual sum), for {@link Fusion}. */
  default boolean sumsInputs() {
    return false;
  }

  /**
   * For a frozen copy's fusion ({@link Fusion}): this layer's forward pass of sample {@code n} writing its output
   * through {@code epilogue} into the epilogue's target, or null (the default) when the layer has no such pass.
   */
  default FusedForward fusedForward(FusedEpilogue epilogue) {
    return null;
  }

  /**
   * For a frozen copy's linked passes ({@link Fusion}): an expression that makes this layer's blocked Vector API
   * kernels ({@code BlockedPool}: null in a JVM without them), or null when the layer has none.
   */
  default CodeBlock blockedPool() {
    return null;
  }

  /** Fields of the generated class this layer needs besides buffers: constant tables, generator states. */
  public default List<com.palantir.javapoet.FieldSpec> fields() {
    return List.of();
  }

  /** Code run when an instance's random streams are (re)seeded; {@code stream} is the instance's index. */
  public default CodeBlock reseed() {
    return CodeBlock.of("");
  }

}
