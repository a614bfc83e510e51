/** Data-parallel training over threads: an allocation-free worker pool and fixed-order gradient reduction. */
package dev.convnet.runtime.parallel;
