/** Model files: parameters, buffers and architecture fingerprint, written atomically and checked on load. */
package dev.convnet.runtime.io;
