/**
 * The Vector API kernels of generated networks (register-blocked convolution on channel-blocked planes), compiled
 * with {@code jdk.incubator.vector} and loaded only when the JVM reads it (see {@code Vectorization}).
 */
package dev.convnet.runtime.internal.vector;
