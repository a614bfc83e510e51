/** The {@code @MaxPool}, {@code @AvgPool} and {@code @L2Pool} kinds: pooling windows. */
package dev.convnet.processor.kind.pool;
