package dev.convnet.benchmarks.kernels.generated;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-18's layer3a.conv1 (128 → 256, 3×3, stride 2, 28×28 → 14×14), as the processor compiles it today ({@code
 * vectorApi = true}): one convolution after a ReLU (so that its input
 * gradient is computed too), for timing beside the hand-written kernels. Compiled into {@code Conv128to256x28s2Net}.
 */
@Network(vectorApi = true)
public interface Conv128to256x28s2 {
  @Input(channels = 128, height = 28, width = 28)
  Tensor input();

  @Activate(RELU)
  Tensor relu(Tensor input);

  @Output
  @Conv(filters = 256, kernel = 3, stride = 2, pad = 1, bias = false)
  Tensor conv(Tensor relu);
}
