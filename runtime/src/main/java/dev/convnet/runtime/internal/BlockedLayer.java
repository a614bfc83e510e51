package dev.convnet.runtime.internal;

/**
 * A layer's Vector API kernels that a frozen copy's passes link to one another ({@link BlockedConv},
 * {@link BlockedPool}): a layer may read its input, or a residual term, from the blocked output planes of the layer
 * that computed it, and a layer whose readers all read that way may leave its NCHW output unwritten (lazy) until
 * {@link #flush} writes it. Generated code passes these kernels as the sources of the layers after them, and flushes
 * before it hands out such an output.
 */
public interface BlockedLayer {
  /** Writes the NCHW output a lazy pass left unwritten; nothing when there is none. */
  default void flush() {}
}
