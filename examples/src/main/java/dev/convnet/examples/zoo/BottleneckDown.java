package dev.convnet.examples.zoo;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Block;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * ResNet's bottleneck block with a projection shortcut, the first block of each stage (torchvision's ResNet v1.5:
 * the stride is on the 3×3 convolution, not the first 1×1): 1×1 to {@code width}, 3×3 of {@code width} with the
 * use's stride, 1×1 to 4·{@code width}; the shortcut a strided 1×1 projection to 4·{@code width}; batch norm after
 * each convolution, then the sum and ReLU. Stage 1 uses it with stride 1 (it still widens 64 maps to 256).
 */
public interface BottleneckDown {
  @Conv(filters = 1, kernel = 1, bias = false)
  Tensor conv1(Tensor x);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 1, kernel = 3, stride = Block.STRIDE, pad = 1, bias = false)
  Tensor conv2(Tensor bn1);

  @BatchNorm(activation = RELU)
  Tensor bn2(Tensor conv2);

  @Conv(filters = 4, kernel = 1, bias = false)
  Tensor conv3(Tensor bn2);

  @BatchNorm
  Tensor bn3(Tensor conv3);

  @Conv(filters = 4, kernel = 1, stride = Block.STRIDE, bias = false)
  Tensor downsample(Tensor x);

  @BatchNorm
  Tensor downsampleBn(Tensor downsample);

  @Output
  @Add(activation = RELU)
  Tensor out(Tensor bn3, Tensor downsampleBn);
}
