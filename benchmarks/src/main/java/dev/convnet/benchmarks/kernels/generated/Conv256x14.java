package dev.convnet.benchmarks.kernels.generated;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-18's layer3 convolution (256 → 256, 3×3, 14×14), as the processor compiles it today ({@code vectorApi =
 * true}): one convolution after a ReLU (so that its input
 * gradient is computed too), for timing beside the hand-written kernels. Compiled into {@code Conv256x14Net}.
 */
@Network(vectorApi = true)
public interface Conv256x14 {
  @Input(channels = 256, height = 14, width = 14)
  Tensor input();

  @Activate(RELU)
  Tensor relu(Tensor input);

  @Output
  @Conv(filters = 256, kernel = 3, stride = 1, pad = 1, bias = false)
  Tensor conv(Tensor relu);
}
