package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Channel concatenation of two or more inputs with equal height and width, in parameter order (Inception modules,
 * DenseNet's dense blocks): {@code Tensor mixed(Tensor b1, Tensor b2, Tensor b3)}. Vectors concatenate end to end.
 * No parameters.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Concat {}
