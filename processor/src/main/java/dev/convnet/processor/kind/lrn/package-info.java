/** The {@code @LocalResponseNorm} kind: AlexNet's normalization across channels. */
package dev.convnet.processor.kind.lrn;
