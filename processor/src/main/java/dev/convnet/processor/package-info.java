/** The annotation processor: reads each {@code @Network} interface, checks it and generates its network class. */
package dev.convnet.processor;
