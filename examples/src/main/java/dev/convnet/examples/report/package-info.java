/** The self-contained HTML training report: curves, filters, feature maps, confusion matrix. */
package dev.convnet.examples.report;
