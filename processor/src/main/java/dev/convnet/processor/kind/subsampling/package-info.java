/** The {@code @Subsampling} kind: LeNet-5's trainable subsampling. */
package dev.convnet.processor.kind.subsampling;
