/** The {@code @Conv} kind: convolutions, with one code-generation strategy per layer chosen from its shapes. */
package dev.convnet.processor.kind.conv;
