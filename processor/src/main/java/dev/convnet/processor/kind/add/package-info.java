/** The {@code @Add} kind: element-wise sums (residual connections). */
package dev.convnet.processor.kind.add;
