/** Diagnostics as data: every message the processor reports, and where it points. */
package dev.convnet.processor.diag;
