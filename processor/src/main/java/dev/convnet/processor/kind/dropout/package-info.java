/** The {@code @Dropout} kind: inverted, seeded dropout. */
package dev.convnet.processor.kind.dropout;
