package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * What a frozen copy's fused convolution applies to its output before writing it ({@link Fusion}): a batch norm's
 * inference map, then perhaps a residual sum, then perhaps ReLU.
 *
 * @param fold code that fills {@code scale} and {@code shift} (the batch norm's inference map, one value per channel)
 *     from the parameters and running statistics; run once, with the first pass's weight packing
 * @param scale the generated field of the per-channel scales
 * @param shift the generated field of the per-channel shifts
 * @param target the output buffer the fused kernel writes: the batch norm's, or the sum's
 * @param targetSize the per-sample size constant of {@code target}
 * @param residual the output buffer of the sum's other input, or null without a sum
 * @param residualSize its per-sample size constant, or null
 * @param relu whether ReLU ends the chain (the batch norm's, or the sum's)
 * @param source the field of the fused kernels that compute the convolution's input (the layer before is another
 *     chain's target), whose blocked output the pass may read in place; or null
 * @param residualSource the same for the residual term; or null
 * @param lazy a generated expression that holds when the pass may leave {@code target} unwritten until its kernels
 *     are flushed: when every reader of the target runs as a linked fused pass (the generated
 *     {@code activations(int)} flushes before returning it); "false" where some reader needs it written
 */
public record FusedEpilogue(CodeBlock fold, String scale, String shift, String target, String targetSize,
                            String residual, String residualSize, boolean relu, String source,
                            String residualSource, CodeBlock lazy) {
  /** The same epilogue linked to the kernels before it, perhaps lazy. */
  FusedEpilogue linked(String source, String residualSource, CodeBlock lazy) {
    return new FusedEpilogue(fold, scale, shift, target, targetSize, residual, residualSize, relu, source,
        residualSource, lazy);
  }
}
