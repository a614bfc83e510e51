package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * A layer's forward pass of one sample ({@code n}) with a {@link FusedEpilogue}, for frozen copies.
 *
 * @param condition a generated expression that holds when this instance can run {@code code} (the layer's fast
 *     kernels exist in this JVM); a frozen copy runs it when the condition holds, else the layers one by one
 * @param code the fused pass, with the layer's usual locals ({@code x}, {@code xo}) in scope
 * @param kernels the field of the layer's kernels ({@code BlockedConv}) that run the pass, which later fused passes
 *     link to and which {@code flush()} writes a lazy output
 */
public record FusedForward(CodeBlock condition, CodeBlock code, String kernels) {}
