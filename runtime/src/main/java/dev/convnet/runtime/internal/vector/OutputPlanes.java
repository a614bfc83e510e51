package dev.convnet.runtime.internal.vector;

import dev.convnet.runtime.internal.BlockedLayer;

/**
 * One sample's blocked output planes of a layer whose frozen-copy passes are linked ({@link BlockedLayer}), and which
 * NCHW output they hold: the layers after it read them in place instead of converting that output back, and when it
 * is lazy it is written only at {@link #flush}, or before the planes are overwritten for another sample or array.
 * A layer calls {@link #release} before its kernels write the planes and {@link #finish} (or {@link #hold}, when it
 * wrote the NCHW output itself) after.
 */
final class OutputPlanes {
  private final Planes planes;
  private final float[] data;
  /** The NCHW array and offset whose values the planes hold, or null; whether they are still to be written there. */
  private float[] array;
  private int offset;
  private boolean pending;

  OutputPlanes(Planes planes, float[] data) {
    this.planes = planes;
    this.data = data;
  }

  /**
   * Before the kernels overwrite the planes for {@code y[yo …]} (null: for no fused output): writes a pending output
   * of another sample or array first, drops one of the same (about to be computed again), forgets what they held.
   */
  void release(float[] y, int yo) {
    if (pending && (array != y || offset != yo)) {
      flush();
    }
    pending = false;
    array = null;
  }

  /** After the kernels wrote the planes for {@code y[yo …]}: they hold it, still to be written there when lazy. */
  void hold(float[] y, int yo, boolean lazy) {
    array = y;
    offset = yo;
    pending = lazy;
  }

  /** After the kernels wrote the planes for {@code y[yo …]}: writes them there now unless {@code lazy}, and holds them. */
  void finish(float[] y, int yo, boolean lazy) {
    if (!lazy) {
      planes.toNchw(data, planes.channels(), y, yo);
    }
    hold(y, yo, lazy);
  }

  /** Writes a pending output. */
  void flush() {
    if (pending) {
      pending = false;
      planes.toNchw(data, planes.channels(), array, offset);
    }
  }

  /** The planes' floats. */
  float[] data() {
    return data;
  }

  /** The planes' layout. */
  Planes planes() {
    return planes;
  }

  /**
   * The planes of {@code source} when its kernels keep linked output planes that hold {@code a[offset …]} laid out as
   * {@code layout}, to be read in place; else null, after flushing {@code source} so that the NCHW values can be read.
   */
  static float[] of(BlockedLayer source, float[] a, int offset, Planes layout) {
    if (source instanceof Linked linked) {
      OutputPlanes out = linked.outputPlanes();
      if (out != null && out.array == a && out.offset == offset && out.planes.sameAs(layout)) {
        return out.data;
      }
    }
    if (source != null) {
      source.flush();
    }
    return null;
  }

  /**
   * The planes to read {@code a[offset …]} from: {@code source}'s where they hold it ({@link #of}), else
   * {@code scratch} after converting it there from NCHW.
   */
  static float[] read(BlockedLayer source, float[] a, int offset, Planes layout, float[] scratch) {
    float[] held = of(source, a, offset, layout);
    if (held != null) {
      return held;
    }
    layout.fromNchw(a, offset, layout.channels(), scratch);
    return scratch;
  }

  /** Kernels in this package that keep linked output planes. */
  interface Linked {
    /** Their output planes, or null while they have none. */
    OutputPlanes outputPlanes();
  }
}
