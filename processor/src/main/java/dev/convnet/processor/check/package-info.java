/** The checks of a read network: options, graph and shapes, each layer through its kind. */
package dev.convnet.processor.check;
