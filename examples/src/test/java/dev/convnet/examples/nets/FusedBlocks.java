package dev.convnet.examples.nets;

import static dev.convnet.annotations.Activation.RELU;
import static dev.convnet.annotations.Activation.TANH;

import dev.convnet.annotations.Add;
import dev.convnet.annotations.BatchNorm;
import dev.convnet.annotations.Conv;
import dev.convnet.annotations.Dense;
import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.annotations.Input;
import dev.convnet.annotations.Network;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * Every chain a frozen copy fuses into a blocked convolution's epilogue, and the near misses it must not fuse:
 * {@code stem → stemBn} (the patch form, a convolution bias, a batch norm without affine parameters, ReLU);
 * {@code a → aBn} and {@code p → pBn → sum1} (a projection shortcut: the sum joins the later chain, its batch norm the
 * sum's second input, no ReLU after the sum); {@code b} read by two layers and {@code cBn} ending in tanh (neither
 * fused); {@code d → dBn → sum3} (ResNet's identity block: the chain's batch norm the sum's first input, ReLU after).
 */
@Network
public interface FusedBlocks {
  @Input(channels = 3, height = 9, width = 9)
  Tensor input();

  @Conv(filters = 16, kernel = 3, pad = 1)
  Tensor stem(Tensor input);

  @BatchNorm(affine = false, activation = RELU)
  Tensor stemBn(Tensor stem);

  @Conv(filters = 32, kernel = 3, pad = 1, bias = false)
  Tensor a(Tensor stemBn);

  @BatchNorm
  Tensor aBn(Tensor a);

  @Conv(filters = 32, kernel = 1, bias = false)
  Tensor p(Tensor stemBn);

  @BatchNorm(eps = 1e-3)
  Tensor pBn(Tensor p);

  @Add
  Tensor sum1(Tensor aBn, Tensor pBn);

  @Conv(filters = 32, kernel = 3, stride = 2, pad = 1, bias = false)
  Tensor b(Tensor sum1);

  @BatchNorm(activation = RELU)
  Tensor bBn(Tensor b);

  @Conv(filters = 32, kernel = 3, pad = 1)
  Tensor c(Tensor bBn);

  @BatchNorm(activation = TANH)
  Tensor cBn(Tensor c);

  @Add(activation = RELU)
  Tensor sum2(Tensor b, Tensor cBn);

  @Conv(filters = 32, kernel = 3, pad = 1, bias = false)
  Tensor d(Tensor sum2);

  @BatchNorm
  Tensor dBn(Tensor d);

  @Add(activation = RELU)
  Tensor sum3(Tensor dBn, Tensor sum2);

  @GlobalAvgPool
  Tensor gap(Tensor sum3);

  @Output
  @Dense(units = 4)
  Tensor out(Tensor gap);
}
