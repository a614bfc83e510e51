package dev.convnet.examples;

import static dev.convnet.annotations.Activation.LECUN_TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Rbf;
import dev.convnet.annotations.Subsampling;
import dev.convnet.annotations.Tensor;

/**
 * LeNet-5 exactly as LeCun, Bottou, Bengio and Haffner (1998) describe it: a 32×32 input (an MNIST digit padded by
 * 2), the scaled hyperbolic tangent {@code 1.7159·tanh(2x/3)} everywhere, trainable subsampling, C3 connected
 * through the paper's Table I, and an output layer of ten Euclidean RBF units whose prototypes are fixed 7×12
 * bitmaps of the digits ({@code X} = +1, {@code .} = −1, drawn below row by row), trained with the MAP loss of
 * eq. (9) ({@code rbf-map}; the predicted digit is the unit with the smallest penalty). Compiled into
 * {@code LeNet1998Net}.
 */
@Network
public interface LeNet1998 {
  @Input(channels = 1, height = 32, width = 32)
  Tensor input();

  /** C1: 6 maps 28×28, 5×5 kernels. */
  @Conv(filters = 6, kernel = 5, activation = LECUN_TANH)
  Tensor c1(Tensor input);

  /** S2: 6 maps 14×14, trainable 2×2 subsampling. */
  @Subsampling(window = 2, activation = LECUN_TANH)
  Tensor s2(Tensor c1);

  /** C3: 16 maps 10×10 through the paper's Table I (rows: S2 maps, columns: C3 maps), as in {@link LeNet5}. */
  @Conv(filters = 16, kernel = 5, activation = LECUN_TANH, table = {
      "X...XXX..XXXX.XX",
      "XX...XXX..XXXX.X",
      "XXX...XXX..X.XXX",
      ".XXX..XXXX..X.XX",
      "..XXX..XXXX.XX.X",
      "...XXX..XXXX.XXX"})
  Tensor c3(Tensor s2);

  /** S4: 16 maps 5×5. */
  @Subsampling(window = 2, activation = LECUN_TANH)
  Tensor s4(Tensor c3);

  /** C5: 120 maps 1×1. */
  @Conv(filters = 120, kernel = 5, activation = LECUN_TANH)
  Tensor c5(Tensor s4);

  /** F6: 84 units, read as a 7×12 bitmap by the RBF units. */
  @Dense(units = 84, activation = LECUN_TANH)
  Tensor f6(Tensor c5);

  /** The ten RBF units: {@code y_i = Σ_j (f6_j − w_ij)²} with fixed ±1 prototypes, one 7×12 digit bitmap each. */
  @Output
  @Rbf(units = 10, prototypes = {
      // 0
      "......."
          + "..XXX.."
          + ".X...X."
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + ".X...X."
          + "..XXX.."
          + ".......",
      // 1
      "......."
          + "...X..."
          + "..XX..."
          + ".X.X..."
          + "...X..."
          + "...X..."
          + "...X..."
          + "...X..."
          + "...X..."
          + "...X..."
          + ".XXXXX."
          + ".......",
      // 2
      "......."
          + "..XXX.."
          + ".X...X."
          + "X.....X"
          + "......X"
          + ".....X."
          + "....X.."
          + "...X..."
          + "..X...."
          + ".X....."
          + "XXXXXXX"
          + ".......",
      // 3
      "......."
          + ".XXXXX."
          + "X.....X"
          + "......X"
          + "......X"
          + "..XXXX."
          + "......X"
          + "......X"
          + "......X"
          + "X.....X"
          + ".XXXXX."
          + ".......",
      // 4
      "......."
          + "....XX."
          + "...X.X."
          + "..X..X."
          + ".X...X."
          + "X....X."
          + "XXXXXXX"
          + ".....X."
          + ".....X."
          + ".....X."
          + ".....X."
          + ".......",
      // 5
      "......."
          + "XXXXXXX"
          + "X......"
          + "X......"
          + "XXXXXX."
          + "......X"
          + "......X"
          + "......X"
          + "......X"
          + "X.....X"
          + ".XXXXX."
          + ".......",
      // 6
      "......."
          + "..XXXX."
          + ".X....."
          + "X......"
          + "X......"
          + "XXXXXX."
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + ".XXXXX."
          + ".......",
      // 7
      "......."
          + "XXXXXXX"
          + "......X"
          + ".....X."
          + ".....X."
          + "....X.."
          + "....X.."
          + "...X..."
          + "...X..."
          + "..X...."
          + "..X...."
          + ".......",
      // 8
      "......."
          + ".XXXXX."
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + ".XXXXX."
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + ".XXXXX."
          + ".......",
      // 9
      "......."
          + ".XXXXX."
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + "X.....X"
          + ".XXXXXX"
          + "......X"
          + "......X"
          + ".....X."
          + ".XXXX.."
          + "......."})
  Tensor out(Tensor f6);
}
