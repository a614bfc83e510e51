package dev.convnet.runtime.internal;

/**
 * One convolution layer computed by register-blocked Vector API kernels on channel-blocked planes (NCHWc, blocks of
 * the vector's lane count {@code L}, a zero border of 1): the fast path that generated networks take for their large
 * convolutions when {@link Vectorization#enabled()}. Generated code keeps its activations in NCHW; an instance converts
 * one sample into its own blocked scratch planes, runs the kernels and converts back, and keeps its weights packed in
 * the order the kernels read them. One instance per layer and per network instance (workers have their own); not
 * thread-safe.
 *
 * <p>Weights are PyTorch's {@code [out][in][k][k]} at an offset of the parameter array, the bias {@code [out]}. The
 * per-sample methods are called for samples {@code 0 … batch − 1} in order: {@link #packForward} before sample 0 of
 * a forward pass, {@link #beginBackward} before sample 0 of a backward pass and {@link #endBackward} after its last.
 */
public interface BlockedConv extends BlockedLayer {
  /** Packs the weights at {@code p[weight]} for the forward pass; call when they may have changed. */
  void packForward(float[] p, int weight);

  /**
   * One sample: {@code y[yo …] = conv(x[xo …]) + bias}, both NCHW, the bias at {@code p[bias]} or none when
   * {@code bias < 0}; {@code y}'s values are overwritten.
   */
  void forward(float[] p, int bias, float[] x, int xo, float[] y, int yo);

  /**
   * Before sample 0 of a forward pass over {@code batch} samples laid out one after another in {@code x} and
   * {@code y} (NCHW, from offset 0): computes them all at once and returns true where the kernels have a batched form
   * for this layer (then the pass's per-sample {@link #forward(float[], int, float[], int, float[], int)} calls, in
   * sample order, do nothing), else does nothing and returns false. The results are the per-sample pass's bit for
   * bit.
   */
  default boolean forwardBatch(float[] p, int bias, float[] x, float[] y, int batch) {
    return false;
  }

  /**
   * One sample of a frozen copy's forward pass with the layers after the convolution fused into it:
   * {@code y[yo …] = act((conv(x[xo …]) + bias)·scale[c] + shift[c] + residual[ro …])} for every output channel
   * {@code c} and position, where {@code scale, shift} are a batch norm's inference map (one value per output channel),
   * the residual term is left out when {@code residual} is null, and {@code act} is ReLU ({@code Math.max(0, v)}) when
   * {@code relu}, else none. Each step is rounded to float as the separate layers round it (the convolution's output,
   * {@code v·scale}, {@code + shift}, {@code + residual}), so the result is bit for bit theirs; {@code y}'s values are
   * overwritten and no output of the convolution itself is kept.
   */
  void forward(float[] p, int bias, float[] x, int xo, float[] y, int yo, float[] scale, float[] shift,
               float[] residual, int ro, boolean relu);

  /**
   * One sample of a frozen copy's fused forward pass linked to its neighbours: the fused forward above, except that
   * its input may be read from {@code source}'s blocked output planes where they hold {@code x[xo …]} (the layer
   * before is a fused convolution too), the residual term from {@code residualSource}'s likewise, so that neither
   * goes through NCHW; and, when {@code lazy}, {@code y[yo …]} may be left unwritten, its values kept in this
   * instance's blocked output planes until {@link #flush} or this instance's next sample writes them. A caller passes
   * {@code lazy} only where every reader of {@code y} is such a linked pass (which flushes what it cannot read
   * blocked) and flushes before anything else reads {@code y}. Either source may be null; the values are bit for bit
   * those of the unlinked fused forward. Kernels that keep no blocked output flush the sources and run the unlinked
   * pass.
   */
  default void forward(float[] p, int bias, BlockedLayer source, float[] x, int xo, float[] y, int yo, float[] scale,
                       float[] shift, BlockedLayer residualSource, float[] residual, int ro, boolean relu,
                       boolean lazy) {
    if (source != null) {
      source.flush();
    }
    if (residualSource != null) {
      residualSource.flush();
    }
    forward(p, bias, x, xo, y, yo, scale, shift, residual, ro, relu);
  }

  /** Starts a backward pass: packs the weights at {@code p[weight]} for the input gradient, clears the weight gradient. */
  void beginBackward(float[] p, int weight);

  /**
   * One sample: accumulates the weight gradient from input {@code x[xo …]} and delta {@code dy[yo …]} (NCHW) and,
   * when {@code dx} is not null, adds d(loss)/d(input) into {@code dx[xo …]}.
   */
  void backward(float[] x, int xo, float[] dy, int yo, float[] dx);

  /** Ends a backward pass: adds the weight gradient summed over its samples into {@code g[weight …]} (OIHW order). */
  void endBackward(float[] g, int weight);
}
