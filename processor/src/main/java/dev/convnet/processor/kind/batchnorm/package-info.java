/** The {@code @BatchNorm} kind: batch normalization with running statistics. */
package dev.convnet.processor.kind.batchnorm;
