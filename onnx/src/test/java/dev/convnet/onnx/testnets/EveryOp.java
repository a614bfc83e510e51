package dev.convnet.onnx.testnets;

import static dev.convnet.annotations.Activation.LEAKY_RELU;
import static dev.convnet.annotations.Activation.LECUN_TANH;
import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.SIGMOID;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.AvgPool;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Edge;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.L2Pool;
import dev.convnet.annotations.LocalResponseNorm;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Padding;
import dev.convnet.annotations.Rbf;
import dev.convnet.annotations.Tensor;
import dev.convnet.annotations.TransposedConv;

/**
 * The layer forms no example network uses: SAME padding, leaky ReLU, a transposed convolution with output padding,
 * ceil-mode average pooling with padding (windows past the padded input), L2 pooling, a grouped dilated convolution
 * with LeCun's tanh, ceil-mode max pooling, a stand-alone tanh, LRN, and a trainable RBF output.
 */
@Network
public interface EveryOp {
  @Input(channels = 3, height = 20, width = 20)
  Tensor input();

  @Conv(filters = 4, kernel = 3, padding = Padding.SAME, activation = LEAKY_RELU, slope = 0.1)
  Tensor same(Tensor input);

  @TransposedConv(filters = 3, kernel = 3, stride = 2, pad = 1, outputPad = 1, activation = SIGMOID)
  Tensor up(Tensor same);

  @AvgPool(window = 3, stride = 2, pad = 1, edge = Edge.CEIL)
  Tensor avg(Tensor up);

  @L2Pool(window = 3, stride = 2, pad = 1, edge = Edge.CEIL)
  Tensor l2(Tensor avg);

  @Conv(filters = 6, kernel = 3, dilation = 2, groups = 3, activation = LECUN_TANH)
  Tensor grouped(Tensor l2);

  @MaxPool(window = 2, edge = Edge.CEIL)
  Tensor max(Tensor grouped);

  @Activate(TANH)
  Tensor squash(Tensor max);

  @LocalResponseNorm(size = 3, alpha = 1e-3, beta = 0.75, k = 1.5)
  Tensor lrn(Tensor squash);

  @Dense(units = 12, activation = RELU)
  Tensor hidden(Tensor lrn);

  @Output
  @Rbf(units = 5)
  Tensor out(Tensor hidden);
}
