package dev.convnet.runtime.data;

import dev.convnet.runtime.Finite;
import dev.convnet.runtime.Planes;
import dev.convnet.runtime.Shape;
import java.util.Arrays;

/**
 * Labelled samples in memory: {@code size()} samples of {@link #sampleShape()}, stored flat and sample after sample
 * in channel, row, column order (the layout {@code CompiledNetwork.forward} reads), and one class label per sample.
 *
 * <p>A dataset takes ownership of the arrays it is given and never changes them; the derived datasets
 * ({@link #slice}, {@link #padded}, ...) are new copies.
 */
public final class Dataset {
  /** The largest array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final float[] features;
  private final int[] labels;
  private final Shape sampleShape;

  /**
   * @param features    {@code labels.length × sampleShape.size()} values
   * @param labels      one class label (>= 0) per sample
   * @param sampleShape the shape of one sample
   * @throws IllegalArgumentException if the lengths disagree or a label is negative
   */
  public Dataset(float[] features, int[] labels, Shape sampleShape) {
    if (features == null || labels == null || sampleShape == null) {
      throw new IllegalArgumentException("features, labels and sample shape must not be null");
    }
    long expected = (long) labels.length * sampleShape.size();
    if (features.length != expected) {
      throw new IllegalArgumentException("dataset of " + labels.length + " samples of " + sampleShape + " needs "
          + expected + " feature values, got " + features.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label of sample " + i + " is " + labels[i] + "; labels must be >= 0");
      }
    }
    this.features = features;
    this.labels = labels;
    this.sampleShape = sampleShape;
  }

  /**
   * Number of samples.
   *
   * @return number of samples
   */
  public int size() {
    return labels.length;
  }

  /**
   * The shape of one sample.
   *
   * @return the shape of one sample
   */
  public Shape sampleShape() {
    return sampleShape;
  }

  /**
   * Values per sample.
   *
   * @return values per sample
   */
  public int sampleSize() {
    return sampleShape.size();
  }

  /**
   * All features, sample after sample (the array itself: do not modify).
   *
   * @return all features, sample after sample (the array itself: do not modify)
   */
  public float[] features() {
    return features;
  }

  /**
   * All labels (the array itself: do not modify).
   *
   * @return all labels (the array itself: do not modify)
   */
  public int[] labels() {
    return labels;
  }

  /**
   * The label of one sample.
   *
   * @param sample the sample index, from 0
   * @return the label of one sample
   */
  public int label(int sample) {
    return labels[checkIndex(sample)];
  }

  /**
   * Number of classes as implied by the labels: the largest label + 1 (0 for an empty dataset).
   *
   * @return number of classes as implied by the labels: the largest label + 1 (0 for an empty dataset)
   */
  public int classes() {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }

  /**
   * Copies sample {@code sample}'s features to {@code dst[at ..]}.
   *
   * @param sample the sample index, from 0
   * @param dst the destination array
   * @param at the index in dst of the first value
   */
  public void copySample(int sample, float[] dst, int at) {
    int n = sampleSize();
    System.arraycopy(features, checkIndex(sample) * n, dst, at, n);
  }

  /**
   * A fresh copy of one sample's features.
   *
   * @param sample the sample index, from 0
   * @return a fresh copy of one sample's features
   */
  public float[] sample(int sample) {
    float[] out = new float[sampleSize()];
    copySample(sample, out, 0);
    return out;
  }

  /**
   * Samples {@code [from, to)} as a new dataset.
   *
   * @param from the first index
   * @param to the end index, exclusive
   * @return samples {@code [from, to)} as a new dataset
   */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside the dataset's " + size()
          + " samples");
    }
    int n = sampleSize();
    return new Dataset(Arrays.copyOfRange(features, from * n, to * n), Arrays.copyOfRange(labels, from, to),
        sampleShape);
  }

  /**
   * The same features with other labels.
   *
   * @param newLabels one label per sample
   * @return the same features with other labels
   */
  public Dataset withLabels(int[] newLabels) {
    if (newLabels == null || newLabels.length != size()) {
      throw new IllegalArgumentException("dataset has " + size() + " samples, got "
          + (newLabels == null ? "null" : newLabels.length + " labels"));
    }
    return new Dataset(features, newLabels.clone(), sampleShape);
  }

  /**
   * Every plane enlarged by a zero border of {@code border} pixels on each side (28×28 → 32×32 for 2).
   *
   * @param border pixels added on every side
   * @return every plane enlarged by a zero border of {@code border} pixels on each side (28×28 → 32×32 for 2)
   */
  public Dataset padded(int border) {
    return padded(border, 0f);
  }

  /**
   * Every plane enlarged by a border of {@code border} pixels filled with {@code fill}.
   *
   * @param border pixels added on every side
   * @param fill the value of the added border
   * @return every plane enlarged by a border of {@code border} pixels filled with {@code fill}
   */
  public Dataset padded(int border, float fill) {
    if (border < 0) {
      throw new IllegalArgumentException("border must be >= 0, got " + border);
    }
    int c = sampleShape.channels();
    int h = sampleShape.height();
    int w = sampleShape.width();
    long bigH = h + 2L * border;
    long bigW = w + 2L * border;
    long total = (long) size() * c * bigH * bigW;
    if (total > MAX_ARRAY) {
      throw new IllegalArgumentException("padding " + size() + " samples of " + sampleShape + " by " + border
          + " needs " + total + " values, more than an array can hold");
    }
    Shape shape = Shape.map(c, (int) bigH, (int) bigW);
    int bigPlane = (int) (bigH * bigW);
    int bigSample = c * bigPlane;
    float[] out = new float[(int) total];
    if (fill != 0) {
      Arrays.fill(out, fill);
    }
    for (int s = 0; s < size(); s++) {
      Planes.copy(features, s * sampleSize(), w, h * w, out, s * bigSample + border * (int) bigW + border,
          (int) bigW, bigPlane, c, h, w);
    }
    return new Dataset(out, labels.clone(), shape);
  }

  /**
   * Every feature mapped to {@code x · scale + shift} (e.g. LeNet-5's background -0.1, foreground 1.175).
   *
   * @param scale the factor
   * @param shift added after scaling
   * @return every feature mapped to {@code x · scale + shift} (e.g
   */
  public Dataset scaled(float scale, float shift) {
    float[] out = new float[features.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = features[i] * scale + shift;
    }
    return new Dataset(out, labels.clone(), sampleShape);
  }

  /**
   * Checks every feature is finite.
   *
   * @param what how to call this dataset in the message, e.g. {@code "training set"}
   * @throws IllegalArgumentException naming the first sample with a NaN or infinite feature
   */
  public void checkFinite(String what) {
    int i = Finite.firstNonFinite(features, features.length);
    if (i >= 0) {
      int n = sampleSize();
      throw new IllegalArgumentException(what + ": sample " + i / n + " has a non-finite feature (" + features[i]
          + " at index " + i % n + " of " + sampleShape + ")");
    }
  }

  private int checkIndex(int sample) {
    if (sample < 0 || sample >= size()) {
      throw new IndexOutOfBoundsException("sample " + sample + " is outside the dataset's " + size() + " samples");
    }
    return sample;
  }

  @Override
  public String toString() {
    return "Dataset(" + size() + " samples of " + sampleShape + ")";
  }
}
