/** Reading: a {@code @Network} interface and its blocks into the model, and where each part was declared. */
package dev.convnet.processor.read;
