/** The {@code @Input} kind: the network's input. */
package dev.convnet.processor.kind.input;
