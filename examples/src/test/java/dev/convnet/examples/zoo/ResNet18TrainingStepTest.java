package dev.convnet.examples.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.Sgd;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ResNet-18 at full size trains: on two random 3×224×224 images with random labels, one forward pass, the
 * softmax-cross-entropy loss, one backward pass and one SGD step give a finite loss, finite gradients that are not
 * all zero, and changed parameters. Prints how long it took (no timing assertion).
 */
class ResNet18TrainingStepTest {
  @Test
  void oneTrainingStepOnTwoRandomImages() {
    long start = System.nanoTime();
    ResNet18Net net = new ResNet18Net(new Parameters(ResNet18Net.LAYOUT).initialize(Init.HE_UNIFORM, 7));
    assertEquals(ResNet18Net.PARAMETER_COUNT, net.parameters().data().length);
    int batch = 2;
    SplittableRandom random = new SplittableRandom(11);
    float[] images = new float[batch * ResNet18Net.IMAGE_SIZE];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextGaussian();
    }
    int[] labels = {random.nextInt(1000), random.nextInt(1000)};
    float[] before = net.parameters().data().clone();

    net.setTraining(true);
    float[] logits = net.forward(images, 0, batch);
    Loss loss = Losses.softmaxCrossEntropy();
    float[] dLogits = new float[batch * 1000];
    double value = loss.compute(logits, batch, 1000, Targets.labels(labels, 0), dLogits);
    net.backwardParameters(dLogits);
    float[] gradients = net.gradients();
    new Sgd(0.01).step(net.parameters().data(), gradients);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertTrue(Double.isFinite(value) && value > 0, "loss " + value);
    int nonZero = 0;
    for (float g : gradients) {
      assertTrue(Float.isFinite(g), "a non-finite gradient");
      nonZero += g != 0 ? 1 : 0;
    }
    assertTrue(nonZero > gradients.length / 2, nonZero + " of " + gradients.length + " gradients are non-zero");
    float[] after = net.parameters().data();
    int changed = 0;
    for (int i = 0; i < after.length; i++) {
      if (after[i] != before[i]) {
        assertTrue(gradients[i] != 0, "parameter " + i + " moved without a gradient");
        changed++;
      }
    }
    // a step of lr·g below half a float ulp of the parameter leaves it unchanged
    assertTrue(changed > 0.99 * nonZero, changed + " of " + nonZero + " parameters with a gradient changed");
    System.out.printf("ResNet-18, batch of 2 at 224×224: loss %.4f, one training step in %.1f s%n", value, seconds);
  }
}
