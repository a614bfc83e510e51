/** Emission: the generated class of a checked network and the code pieces the kinds' emitters share. */
package dev.convnet.processor.emit;
