package dev.convnet.spark;

import java.io.Serializable;

/**
 * One training sample: its place in the data set's order (0-based, as the single-machine {@code Dataset}'s index),
 * its network input (already preprocessed) and its class label.
 */
record Sample(long index, float[] input, int label) implements Serializable {}
