package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;

import dev.convnet.annotations.Concat;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** The oracle's inception_block: four parallel branches concatenated along channels. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface InceptionBlock {
  @Input(channels = 3, height = 12, width = 12)
  Tensor input();

  @Conv(filters = 2, kernel = 1, activation = RELU)
  Tensor b1(Tensor input);

  @Conv(filters = 2, kernel = 1, activation = RELU)
  Tensor b2a(Tensor input);

  @Conv(filters = 3, kernel = 3, pad = 1, activation = RELU)
  Tensor b2b(Tensor b2a);

  @Conv(filters = 1, kernel = 1, activation = RELU)
  Tensor b3a(Tensor input);

  @Conv(filters = 2, kernel = 5, pad = 2, activation = RELU)
  Tensor b3b(Tensor b3a);

  @MaxPool(window = 3, stride = 1, pad = 1)
  Tensor pool(Tensor input);

  @Conv(filters = 2, kernel = 1, activation = RELU)
  Tensor b4(Tensor pool);

  @Concat
  Tensor mixed(Tensor b1, Tensor b2b, Tensor b3b, Tensor b4);

  @GlobalAvgPool
  Tensor gap(Tensor mixed);

  @Output
  @Dense(units = 4)
  Tensor fc(Tensor gap);
}
