package com.example;

import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.optim.Adam;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingHistory;
import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
  public static void main(String[] args) throws Exception {
    TinyNetNet net = new TinyNetNet(new Parameters(TinyNetNet.LAYOUT).initialize(Init.HE_UNIFORM, 1));
    float[] x = new float[30 * 64];
    int[] y = new int[30];
    for (int i = 0; i < 30; i++) {
      y[i] = i % 3;
      for (int p = 0; p < 64; p++) { // class k: a bright band in rows 2k..2k+2, plus a little texture
        int row = p / 8;
        x[i * 64 + p] = (row >= 2 * y[i] && row < 2 * y[i] + 3 ? 1f : 0f) + 0.05f * ((p + i) % 4);
      }
    }
    Dataset data = new Dataset(x, y, net.inputShape());
    TrainingHistory h = Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01))
        .batchSize(5).epochs(20).build().fit(data, data);
    Path model = Files.createTempFile("tiny", ".model");
    ModelFile.save(net, model);
    System.out.println("TinyNet " + net.parameterCount() + " parameters, accuracy " + h.last().testAccuracy()
        + ", model " + Files.size(model) + " bytes");
    Files.delete(model);
  }
}
