package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** The oracle's resnet_block: a residual block with a 1×1 stride-2 projection shortcut and batch norm. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface ResNetBlock {
  @Input(channels = 4, height = 8, width = 8)
  Tensor input();

  @Conv(filters = 8, kernel = 3, stride = 2, pad = 1, bias = false)
  Tensor conv1(Tensor input);

  @BatchNorm(activation = RELU)
  Tensor bn1(Tensor conv1);

  @Conv(filters = 8, kernel = 3, pad = 1, bias = false)
  Tensor conv2(Tensor bn1);

  @BatchNorm
  Tensor bn2(Tensor conv2);

  @Conv(filters = 8, kernel = 1, stride = 2, bias = false)
  Tensor proj(Tensor input);

  @BatchNorm
  Tensor bnp(Tensor proj);

  @Add(activation = RELU)
  Tensor add(Tensor bn2, Tensor bnp);

  @GlobalAvgPool
  Tensor gap(Tensor add);

  @Output
  @Dense(units = 5)
  Tensor fc(Tensor gap);
}
