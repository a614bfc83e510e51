package dev.convnet.examples.filters;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * The seed's named 3×3 image filters as one frozen convolution of seven filters over an 80×80 RGB picture, each
 * filter applying its kernel to R, G and B and summing (weights in {@code [filters, inputs, kh, kw]} order): map 0
 * sharpen, 1 edge (outline), 2 Sobel-X, 3 Sobel-Y, 4 identity, 5 blur, 6 emboss. No parameters. Compiled into
 * {@code NamedFiltersNet}; {@code FilterDemo.FILTER_NAMES} names the maps.
 */
@Network
public interface NamedFilters {
  @Input(channels = 3, height = 80, width = 80)
  Tensor image();

  @Output
  @Conv(filters = 7, kernel = 3, bias = false, weights = {
      // 0: sharpen, for R, G and B
      0, -1, 0, -1, 5, -1, 0, -1, 0,
      0, -1, 0, -1, 5, -1, 0, -1, 0,
      0, -1, 0, -1, 5, -1, 0, -1, 0,
      // 1: edge (outline), for R, G and B
      -1, -1, -1, -1, 8, -1, -1, -1, -1,
      -1, -1, -1, -1, 8, -1, -1, -1, -1,
      -1, -1, -1, -1, 8, -1, -1, -1, -1,
      // 2: Sobel-X, for R, G and B
      -1, 0, 1, -2, 0, 2, -1, 0, 1,
      -1, 0, 1, -2, 0, 2, -1, 0, 1,
      -1, 0, 1, -2, 0, 2, -1, 0, 1,
      // 3: Sobel-Y, for R, G and B
      -1, -2, -1, 0, 0, 0, 1, 2, 1,
      -1, -2, -1, 0, 0, 0, 1, 2, 1,
      -1, -2, -1, 0, 0, 0, 1, 2, 1,
      // 4: identity, for R, G and B
      0, 0, 0, 0, 1, 0, 0, 0, 0,
      0, 0, 0, 0, 1, 0, 0, 0, 0,
      0, 0, 0, 0, 1, 0, 0, 0, 0,
      // 5: blur (Gaussian 3×3, /16), for R, G and B
      0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
      0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
      0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
      // 6: emboss, for R, G and B
      -2, -1, 0, -1, 1, 1, 0, 1, 2,
      -2, -1, 0, -1, 1, 1, 0, 1, 2,
      -2, -1, 0, -1, 1, 1, 0, 1, 2})
  Tensor filtered(Tensor image);
}
