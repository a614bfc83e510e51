/** The {@code @Activate} kind: a stand-alone activation. */
package dev.convnet.processor.kind.activation;
