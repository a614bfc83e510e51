/** JMH benchmarks of the generated networks, with the measured FMA peak and peers under {@code -Pcompare}. */
package dev.convnet.benchmarks;
