/** The {@code @Dense} kind: fully connected layers. */
package dev.convnet.processor.kind.dense;
