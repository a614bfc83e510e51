package dev.convnet.examples.oracle;

/**
 * Relative-error limits of the oracle comparisons, one set per precision: about ten times the worst error measured
 * (JDK 17 on x86-64; the same figures with AVX-512 and with AVX2), rounded up. The comments give those
 * measurements; a change that makes any comparison about ten times worse than today fails. Every comparison prints
 * its error and limit on standard output.
 *
 * @param forward           network output
 * @param loss              the loss of the oracle's batch
 * @param parameterGradient each parameter tensor's gradient, separately
 * @param inputGradient     d(loss)/d(input)
 * @param runningStatistics batch-norm running mean and variance after one training-mode pass
 * @param stepLoss          the loss before each optimizer step
 * @param stepParameters    each parameter tensor after the last optimizer step
 */
record OracleLimits(double forward, double loss, double parameterGradient, double inputGradient,
                    double runningStatistics, double stepLoss, double stepParameters) {
  /**
   * The float32 classes against PyTorch's float64 values. Worst measured: output 3.8e-7 (lenet5_table), loss
   * 9.0e-8 (conv_zoo), parameter gradient 2.6e-6 (inception_block b3b.bias; most tensors below 6e-7), input
   * gradient 4.2e-7 (lenet5_table), running statistics 2.9e-7 (resnet_block bn1.running_mean), loss before a step
   * 1.1e-7 (seed001_cnn rmsprop), parameters after the steps 2.6e-6 (lenet5_table adam f6.weight: Adam divides by
   * √v, so small gradients' relative rounding reaches the step; every other optimizer below 1.2e-7).
   */
  static final OracleLimits FLOAT32 = new OracleLimits(4e-6, 1e-6, 3e-5, 5e-6, 3e-6, 2e-6, 3e-5);

  /**
   * The float64 twins (float64 targets, {@link ReferenceOptimizer64} steps) against PyTorch's float64 values. Worst
   * measured: output 8.4e-16 (lenet5_table), loss 2.1e-16 (conv_zoo; the others exact), parameter gradient 5.8e-15
   * (inception_block b3b.bias), input gradient 8.0e-16 (lenet5_table), running statistics 8.9e-16 (resnet_block
   * bn1.running_mean), loss before a step 9.8e-12 and parameters after the steps 2.0e-11 (seed001_cnn rmsprop:
   * dividing by √v + ε amplifies the rounding of gradients near zero over five steps; SGD, momentum, Nesterov and
   * AdamW below 3e-16, Adam 1.1e-14, Adagrad 5.7e-13).
   */
  static final OracleLimits FLOAT64 = new OracleLimits(1e-14, 3e-15, 6e-14, 1e-14, 1e-14, 1e-10, 2e-10);

  static OracleLimits of(boolean float64) {
    return float64 ? FLOAT64 : FLOAT32;
  }
}
