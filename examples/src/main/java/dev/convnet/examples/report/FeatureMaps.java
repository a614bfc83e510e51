package dev.convnet.examples.report;

import dev.convnet.runtime.Shape;

/**
 * One layer's activations for one sample.
 *
 * @param layer  the layer's name, e.g. {@code "c1"}
 * @param shape  the shape of one sample's activation
 * @param values at least {@code shape.size()} values, channel-row-column order (copied)
 */
public record FeatureMaps(String layer, Shape shape, float[] values) {
  public FeatureMaps {
    if (layer == null || shape == null || values == null) {
      throw new NullPointerException("layer, shape and values are required");
    }
    if (values.length < shape.size()) {
      throw new IllegalArgumentException("layer " + layer + " of shape " + shape + " needs " + shape.size()
          + " values, got " + values.length);
    }
    values = values.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** One map, or the whole layer for a vector or a stack of 1×1 maps, is drawn as a strip. */
  boolean isStrip() {
    return shape.vector() || shape.height() * shape.width() == 1;
  }
}
