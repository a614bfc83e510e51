/**
 * Layer kinds: the contract every kind implements, the registry, and what kinds share (reading, checks, canonical
 * attributes).
 */
package dev.convnet.processor.kind;
