/**
 * The classic architectures at their published sizes (AlexNet, VGG, GoogLeNet, ResNet, DenseNet) and small
 * ResNet/DenseNet for 28×28 inputs.
 */
package dev.convnet.examples.zoo;
