package dev.convnet.annotations;

/**
 * Named zero-padding modes of a convolution. Use {@code pad = n} on the layer for an explicit amount instead.
 */
public enum Padding {
  /** "Narrow" convolution: no padding, the output shrinks by d·(k−1). */
  VALID,
  /** "Equal length": stride 1 and an odd (dilated) kernel, padding d·(k−1)/2 keeps the size. */
  SAME,
  /** "Wide" convolution: padding d·(k−1) on each side, every partial overlap produces an output. */
  FULL
}
