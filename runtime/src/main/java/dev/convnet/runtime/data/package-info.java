/** Data sets: IDX files (MNIST, Fashion-MNIST) and in-memory data sets with seeded shuffling. */
package dev.convnet.runtime.data;
