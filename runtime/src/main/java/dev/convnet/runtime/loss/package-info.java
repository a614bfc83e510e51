/** Losses with their gradients and predictions. */
package dev.convnet.runtime.loss;
