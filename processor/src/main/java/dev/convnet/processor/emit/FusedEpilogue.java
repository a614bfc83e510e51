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
 */
public record FusedEpilogue(CodeBlock fold, String scale, String shift, String target, String targetSize,
                            String residual, String residualSize, boolean relu) {}
