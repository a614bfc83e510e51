package dev.convnet.annotations;

/**
 * The type of every layer method and every layer input in a {@link Network} declaration. It carries no data: a
 * declaration is never implemented or called, it only names layers and the edges between them.
 */
public interface Tensor {}
