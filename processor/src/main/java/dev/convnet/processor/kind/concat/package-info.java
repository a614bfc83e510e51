/** The {@code @Concat} kind: channel concatenation. */
package dev.convnet.processor.kind.concat;
