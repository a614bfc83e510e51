/** Optimizers with PyTorch's update rules, learning-rate schedules and gradient clipping. */
package dev.convnet.runtime.optim;
