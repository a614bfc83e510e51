package dev.convnet.runtime.internal;

/**
 * A frozen copy's max pooling on channel-blocked planes (NCHWc), linked like {@link BlockedConv}'s fused passes: made
 * by {@link Vectorization#maxPool} for the pooling between a ResNet's stem and its first block, so that the stem's
 * output, the pooling and the first block's input never go through NCHW. Windows clipped to the input (padding never
 * wins, as −∞ does not); the maximum by {@link Math#max}'s rules (NaN propagates; 0 above −0), so the values are
 * those of the generated plain pooling. One instance per layer and network instance; not thread-safe.
 */
public interface BlockedPool extends BlockedLayer {
  /**
   * One sample: {@code y[yo …]} = the maximum of each window of {@code x[xo …]} (NCHW), the input read from
   * {@code source}'s blocked output planes where they hold it (else from {@code x}, after flushing {@code source});
   * when {@code lazy}, {@code y} may be left unwritten until {@link #flush} or this instance's next sample, as
   * {@link BlockedConv}'s linked forward describes.
   */
  void forward(BlockedLayer source, float[] x, int xo, float[] y, int yo, boolean lazy);
}
