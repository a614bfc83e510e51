package dev.convnet.annotations;

/** The floating-point type a generated network computes in. */
public enum Precision {
  /** {@code float}: the default, used for training and inference. */
  FLOAT32,
  /** {@code double}: a twin class with the suffix {@code 64}, for gradient checks and references. */
  FLOAT64
}
