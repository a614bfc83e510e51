package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The loss and accuracy of a model over cached samples, in inference mode, each partition in mini-batches on its
 * thread's network worker; partial sums are added in partition order.
 */
record Evaluation(double loss, double accuracy, long samples) {
  private record Partial(double lossSum, long correct, long samples) implements java.io.Serializable {}

  static Evaluation run(JavaSparkContext jsc, JavaRDD<Sample> samples, ModelSnapshot model, LossFactory lossFactory,
                        int batchSize) {
    Broadcast<ModelSnapshot> b = jsc.broadcast(model);
    try {
      List<Partial> parts = samples.mapPartitions(it -> List.of(partial(it, b.value(), lossFactory, batchSize))
          .iterator()).collect();
      double lossSum = 0;
      long correct = 0;
      long n = 0;
      for (Partial p : parts) {
        lossSum += p.lossSum;
        correct += p.correct;
        n += p.samples;
      }
      return new Evaluation(n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n, n);
    } finally {
      b.destroy();
    }
  }

  private static Partial partial(Iterator<Sample> it, ModelSnapshot model, LossFactory lossFactory,
                                 int batchSize) {
    CompiledNetwork net = ExecutorNetworks.inference(model);
    Loss loss = lossFactory.create();
    int in = net.inputSize();
    int outSize = net.outputSize();
    float[] input = new float[batchSize * in];
    int[] labels = new int[batchSize];
    Targets targets = Targets.labels(labels, 0);
    double lossSum = 0;
    long correct = 0;
    long count = 0;
    while (it.hasNext()) {
      int n = 0;
      while (n < batchSize && it.hasNext()) {
        Sample s = it.next();
        System.arraycopy(s.input(), 0, input, n * in, in);
        labels[n++] = s.label();
      }
      float[] out = net.forward(input, 0, n);
      lossSum += loss.value(out, n, outSize, targets) * n;
      for (int b = 0; b < n; b++) {
        if (loss.predict(out, b * outSize, outSize) == labels[b]) {
          correct++;
        }
      }
      count += n;
    }
    return new Partial(lossSum, correct, count);
  }
}
