package dev.convnet.annotations;

/** What pooling does with a leftover edge that does not fill a whole window. */
public enum Edge {
  /** Ignore it: the output size is rounded down (PyTorch's default, {@code ceil_mode=False}). */
  FLOOR,
  /** Pad it: one more window covers it, the output size is rounded up ({@code ceil_mode=True}). */
  CEIL
}
