package dev.convnet.benchmarks.kernels.generated;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-18's layer4a.conv1 (256 → 512, 3×3, stride 2, 14×14 → 7×7), as the processor compiles it today ({@code
 * vectorApi = true}): one convolution after a ReLU (so that its input
 * gradient is computed too), for timing beside the hand-written kernels. Compiled into {@code Conv256to512x14s2Net}.
 */
@Network(vectorApi = true)
public interface Conv256to512x14s2 {
  @Input(channels = 256, height = 14, width = 14)
  Tensor input();

  @Activate(RELU)
  Tensor relu(Tensor input);

  @Output
  @Conv(filters = 512, kernel = 3, stride = 2, pad = 1, bias = false)
  Tensor conv(Tensor relu);
}
