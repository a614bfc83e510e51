/** The base classes of generated networks: the contract between the processor and the runtime, not an API. */
package dev.convnet.runtime.internal;
