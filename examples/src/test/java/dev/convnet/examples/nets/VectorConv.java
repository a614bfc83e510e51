package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * Stride-1 convolutions generated with the Vector API: six maps (one block of four output maps plus two single
 * maps), a padded 2×3 kernel over five maps (one block plus one), and a dense head. Compared with
 * {@link VectorConvPlain}, the same declaration in plain Java.
 */
@Network(vectorApi = true)
public interface VectorConv {
  @Input(channels = 2, height = 9, width = 11)
  Tensor input();

  @Conv(filters = 6, kernel = 3, activation = TANH)
  Tensor first(Tensor input);

  @Conv(filters = 5, kernel = {2, 3}, pad = {1, 1}, activation = RELU)
  Tensor second(Tensor first);

  @Output
  @Dense(units = 3)
  Tensor out(Tensor second);
}
