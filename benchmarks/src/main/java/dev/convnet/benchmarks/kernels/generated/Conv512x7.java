package dev.convnet.benchmarks.kernels.generated;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-18's layer4 convolution (512 → 512, 3×3, 7×7), as the processor compiles it today ({@code vectorApi = true}):
 * one convolution after a ReLU (so that its input
 * gradient is computed too), for timing beside the hand-written kernels. Compiled into {@code Conv512x7Net}.
 */
@Network(vectorApi = true)
public interface Conv512x7 {
  @Input(channels = 512, height = 7, width = 7)
  Tensor input();

  @Activate(RELU)
  Tensor relu(Tensor input);

  @Output
  @Conv(filters = 512, kernel = 3, stride = 1, pad = 1, bias = false)
  Tensor conv(Tensor relu);
}
