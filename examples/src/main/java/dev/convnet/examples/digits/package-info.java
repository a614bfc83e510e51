/** The digits job: trains, evaluates and classifies with the example networks from the command line. */
package dev.convnet.examples.digits;
