package dev.convnet.spark;

/** Argument checks shared by the builders. */
final class Checks {
  private Checks() {}

  /**
   * @return {@code value}
   * @throws IllegalArgumentException saying {@code what} must be at least {@code min}
   */
  static int atLeast(String what, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
    }
    return value;
  }
}
