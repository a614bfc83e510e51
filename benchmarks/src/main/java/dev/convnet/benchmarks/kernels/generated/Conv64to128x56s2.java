package dev.convnet.benchmarks.kernels.generated;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Activate;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet-18's layer2a.conv1 (64 → 128, 3×3, stride 2, 56×56 → 28×28), as the processor compiles it today ({@code
 * vectorApi = true}): one convolution after a ReLU (so that its input
 * gradient is computed too), for timing beside the hand-written kernels. Compiled into {@code Conv64to128x56s2Net}.
 */
@Network(vectorApi = true)
public interface Conv64to128x56s2 {
  @Input(channels = 64, height = 56, width = 56)
  Tensor input();

  @Activate(RELU)
  Tensor relu(Tensor input);

  @Output
  @Conv(filters = 128, kernel = 3, stride = 2, pad = 1, bias = false)
  Tensor conv(Tensor relu);
}
