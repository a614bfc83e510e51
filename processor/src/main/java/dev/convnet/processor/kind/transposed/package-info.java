/** The {@code @TransposedConv} kind: transposed convolutions. */
package dev.convnet.processor.kind.transposed;
