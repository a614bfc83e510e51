/** The {@code @Rbf} kind: LeNet-5's Euclidean RBF output. */
package dev.convnet.processor.kind.rbf;
