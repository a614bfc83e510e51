package dev.convnet.examples.nets;

import dev.convnet.annotations.Edge;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/**
 * Max pooling alone (padded, overlapping, ceil mode: windows that hang over every edge), so that its maxima and the
 * routing of its delta can be read off the network's output and input gradient.
 */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface MaxPoolOnly {
  @Input(channels = 2, height = 6, width = 7)
  Tensor input();

  @Output
  @MaxPool(window = 3, stride = 3, pad = 1, edge = Edge.CEIL)
  Tensor max(Tensor input);
}
