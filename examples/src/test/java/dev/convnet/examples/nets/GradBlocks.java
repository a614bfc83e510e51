package dev.convnet.examples.nets;

import dev.convnet.annotations.Block;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Precision;
import dev.convnet.annotations.Tensor;

/** {@link GradResidual} used twice: width 2 at stride 1, then width 3 at stride 2. */
@Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
public interface GradBlocks {
  @Input(channels = 2, height = 9, width = 7)
  Tensor input();

  @Block(value = GradResidual.class, width = 2)
  Tensor stage1(Tensor input);

  @Block(value = GradResidual.class, width = 3, stride = 2)
  Tensor stage2(Tensor stage1);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor stage2);
}
