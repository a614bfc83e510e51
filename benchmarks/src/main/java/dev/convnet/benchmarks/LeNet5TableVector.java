package dev.convnet.benchmarks;

import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Subsampling;
import dev.convnet.annotations.Tensor;

/**
 * {@link LeNet5Table} with {@code vectorApi = true}: its fully connected products (C5, F6, the output) use the JDK's
 * Vector API. Compiled into {@code LeNet5TableVectorNet}; needs {@code --add-modules jdk.incubator.vector}.
 */
@Network(vectorApi = true)
public interface LeNet5TableVector {
  @Input(channels = 1, height = 32, width = 32)
  Tensor input();

  /** C1: 6 feature maps 28×28, 5×5 kernels. */
  @Conv(filters = 6, kernel = 5, activation = TANH)
  Tensor c1(Tensor input);

  /** S2: 6 maps 14×14, trainable 2×2 subsampling. */
  @Subsampling(window = 2, activation = TANH)
  Tensor s2(Tensor c1);

  /** C3: 16 maps 10×10; rows are S2 maps, columns C3 maps (the paper's Table I). */
  @Conv(filters = 16, kernel = 5, activation = TANH, table = {
      "X...XXX..XXXX.XX",
      "XX...XXX..XXXX.X",
      "XXX...XXX..X.XXX",
      ".XXX..XXXX..X.XX",
      "..XXX..XXXX.XX.X",
      "...XXX..XXXX.XXX"})
  Tensor c3(Tensor s2);

  /** S4: 16 maps 5×5. */
  @Subsampling(window = 2, activation = TANH)
  Tensor s4(Tensor c3);

  /** C5: 120 maps 1×1, each connected to all 16 S4 maps. */
  @Conv(filters = 120, kernel = 5, activation = TANH)
  Tensor c5(Tensor s4);

  /** F6: 84 units. */
  @Dense(units = 84, activation = TANH)
  Tensor f6(Tensor c5);

  /** The 10 digit classes (logits). */
  @Output
  @Dense(units = 10)
  Tensor out(Tensor f6);
}
