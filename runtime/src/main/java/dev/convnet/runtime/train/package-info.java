/** The trainer: epochs, evaluation, listeners and progress. */
package dev.convnet.runtime.train;
