/** Networks declared with the annotations: LeNet-5 and LeNet-1998. */
package dev.convnet.examples;
