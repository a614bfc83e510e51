/** The model of a network as plain immutable data: layers, nodes, shapes, window geometry, counts. */
package dev.convnet.processor.model;
