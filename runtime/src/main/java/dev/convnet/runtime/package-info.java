/**
 * What generated networks link against: the network interface, parameters and their layout, shapes, the architecture
 * description.
 */
package dev.convnet.runtime;
