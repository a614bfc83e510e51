package dev.convnet.spark;

import dev.convnet.runtime.Shape;
import java.io.Serializable;

/** A {@link Shape} that travels with Spark tasks (the runtime's shape is not serializable: it depends on the JDK only). */
record Dims(int channels, int height, int width, boolean vector) implements Serializable {
  static Dims of(Shape s) {
    return new Dims(s.channels(), s.height(), s.width(), s.vector());
  }

  Shape shape() {
    return new Shape(channels, height, width, vector);
  }
}
