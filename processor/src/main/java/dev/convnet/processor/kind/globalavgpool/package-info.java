/** The {@code @GlobalAvgPool} kind: one mean per map. */
package dev.convnet.processor.kind.globalavgpool;
