package dev.convnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.testing.TinyNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  @Test
  void confusionMatrixAccuracyAndLossOfAKnownNetwork() {
    // out = identity(input): the prediction is the arg-max of the sample itself.
    TinyNetwork net = new TinyNetwork("Identity", Shape.vector(3), 0, 3);
    net.parameters().set("out.weight", new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    net.parameters().set("out.bias", new float[3]);
    float[] x = {
        5, 0, 0, // label 0, predicted 0
        0, 5, 0, // label 1, predicted 1
        0, 0, 5, // label 1, predicted 2
        0, 5, 0, // label 2, predicted 1
        0, 0, 5, // label 2, predicted 2
    };
    Dataset data = new Dataset(x, new int[] {0, 1, 1, 2, 2}, Shape.vector(3));
    Evaluation e = new Evaluator(net, Losses.softmaxCrossEntropy(), 2).evaluate(data);
    assertArrayEquals(new int[][] {{1, 0, 0}, {0, 1, 1}, {0, 1, 1}}, e.confusion());
    assertEquals(3, e.correct());
    assertEquals(0.6, e.accuracy(), 1e-15);
    assertEquals(5, e.samples());
    double right = Math.log(Math.exp(5) + 2) - 5;
    double wrong = Math.log(Math.exp(5) + 2);
    assertEquals((3 * right + 2 * wrong) / 5, e.loss(), 1e-6);
    assertEquals(List.of(false, true), net.trainingCalls(), "evaluation mode during, training mode after");
  }

  @Test
  void withRbfPenaltiesTheSmallestOutputIsThePrediction() {
    TinyNetwork net = new TinyNetwork("Identity", Shape.vector(3), 0, 3);
    net.parameters().set("out.weight", new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    net.parameters().set("out.bias", new float[3]);
    float[] x = {
        0, 4, 4, // label 0, predicted 0
        4, 0, 4, // label 1, predicted 1
        4, 4, 0, // label 1, predicted 2
        4, 4, 0, // label 2, predicted 2
    };
    Dataset data = new Dataset(x, new int[] {0, 1, 1, 2}, Shape.vector(3));
    Evaluation e = new Evaluator(net, Losses.rbfMap(1), 3).evaluate(data);
    assertArrayEquals(new int[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}, e.confusion());
    assertEquals(0.75, e.accuracy(), 1e-15, "arg-min: 3 of 4 right (arg-max would get none)");
    double z = Math.exp(-1) + 1 + 2 * Math.exp(-4);
    double right = Math.log(z);
    double wrong = 4 + Math.log(z);
    assertEquals((3 * right + wrong) / 4, e.loss(), 1e-6);
    assertEquals(0, new Evaluator(net, Losses.softmaxCrossEntropy(), 3).evaluate(data).accuracy(),
        "the same outputs under softmax cross-entropy: the arg-max is always wrong");
  }
}
