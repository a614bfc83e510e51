package dev.convnet.examples.digits;

import dev.convnet.examples.report.Png;

/**
 * Prepares a raw digit image as MNIST's digits were prepared (LeCun, Cortes and Burges): the digit's bounding box is
 * scaled to fit a 20×20 box keeping its aspect ratio (anti-aliased by area averaging), then placed in a 28×28 frame
 * so that its centre of mass lies at the frame's centre.
 */
final class DigitCentering {
  static final int FRAME = 28;
  static final int BOX = 20;
  /** Pixels at or below this fraction of the brightest count as background when finding the bounding box. */
  private static final double INK = 0.1;

  private DigitCentering() {}

  /**
   * The centred 28×28 digit, pixels in [0, 1].
   *
   * @param ink the image, ink bright ({@link Png#readInk})
   * @return 784 values; all zero for an image without ink
   */
  static float[] center(Png.Ink ink) {
    double[] px = ink.pixels();
    int h = ink.height();
    int w = ink.width();
    double max = 0;
    for (double v : px) {
      max = Math.max(max, v);
    }
    float[] out = new float[FRAME * FRAME];
    if (max <= 0) {
      return out;
    }
    int top = h;
    int bottom = -1;
    int left = w;
    int right = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (px[y * w + x] > INK * max) {
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    int bh = bottom - top + 1;
    int bw = right - left + 1;
    double[] box = new double[bh * bw];
    for (int y = 0; y < bh; y++) {
      System.arraycopy(px, (top + y) * w + left, box, y * bw, bw);
    }
    double scale = (double) BOX / Math.max(bh, bw);
    int th = Math.max(1, (int) Math.round(bh * scale));
    int tw = Math.max(1, (int) Math.round(bw * scale));
    double[] fitted = Png.resize(box, bh, bw, th, tw);
    double mass = 0;
    double cy = 0;
    double cx = 0;
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        double v = fitted[y * tw + x];
        mass += v;
        cy += v * (y + 0.5);
        cx += v * (x + 0.5);
      }
    }
    cy /= mass;
    cx /= mass;
    int oy = clamp((int) Math.round(FRAME / 2.0 - cy), FRAME - th);
    int ox = clamp((int) Math.round(FRAME / 2.0 - cx), FRAME - tw);
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        out[(oy + y) * FRAME + ox + x] = (float) Math.min(1, fitted[y * tw + x] / max);
      }
    }
    return out;
  }

  /** Keeps an offset within [0, room] so the digit stays inside the frame. */
  private static int clamp(int offset, int room) {
    return Math.max(0, Math.min(room, offset));
  }

  /** The image only resized to 28×28, as without centring. */
  static float[] resized(Png.Ink ink) {
    double[] r = Png.resize(ink.pixels(), ink.height(), ink.width(), FRAME, FRAME);
    float[] out = new float[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = (float) Math.max(0, Math.min(1, r[i]));
    }
    return out;
  }
}
