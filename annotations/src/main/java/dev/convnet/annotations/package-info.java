/** The annotations that declare a network: {@code @Network} on an interface, one layer annotation per method. */
package dev.convnet.annotations;
