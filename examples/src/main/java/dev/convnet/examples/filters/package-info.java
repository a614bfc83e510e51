/** Fixed-kernel networks (Sobel, named filters) and the filter demo that writes each stage as a PNG. */
package dev.convnet.examples.filters;
