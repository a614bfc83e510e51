package dev.convnet.spark;

/** What to do with an input row that cannot be fed to the network (wrong length, NaN, undecodable image, null). */
public enum BadRowPolicy {
  /** Stop the job with a {@link BadRowException} naming the row and the problem (the default). */
  FAIL,
  /** Leave the row out, count it in a {@link BadRows} accumulator and keep its first descriptions. */
  SKIP
}
