package dev.convnet.processor.model;

/**
 * The index relation every convolution-like computation shares: a grid of {@code gridH × gridW} window positions
 * over a plane of {@code planeH × planeW} values, where position {@code (y, x)} and kernel tap {@code (ky, kx)} meet
 * plane value {@code (y·stride + ky·dilation, x·stride + kx·dilation)}.
 *
 * <p>A convolution's output is the grid and its padded input the plane (forward gathers, backward scatters). A
 * transposed convolution's input is the grid and its uncropped output the plane (forward scatters, backward
 * gathers). The weight gradient correlates grid-side deltas or values with the plane in both.
 */
public record Grid(int gridH, int gridW, int planeH, int planeW, Dim kernel, Dim stride, Dim dilation) {
  public int gridSize() {
    return gridH * gridW;
  }

  public int planeSize() {
    return planeH * planeW;
  }

  public int taps() {
    return kernel.area();
  }
}
