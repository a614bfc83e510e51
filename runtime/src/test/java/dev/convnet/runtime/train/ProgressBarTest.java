package dev.convnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.optim.Sgd;
import dev.convnet.runtime.testing.Synthetic;
import dev.convnet.runtime.testing.TinyNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainOutputHasAtMostThreeProgressLinesAndASummaryPerEpoch() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal commas must not leak into the output
    try {
      ProgressBar bar = new ProgressBar(out, false);
      bar.onEpochStart(2, 10, 100);
      for (int done = 10; done <= 100; done += 10) {
        bar.onBatch(2, done, 100, 1.0 / done, done * 1_000_000L); // 1000 samples/s
      }
      bar.onEpochEnd(new EpochResult(2, 0.12345, 0.875, 0.25, 0.9, 1.25));
      bar.onEpochStart(3, 10, 100);
      bar.onEpochEnd(new EpochResult(3, 0.1, 0.9, Double.NaN, Double.NaN, 0.5));
    } finally {
      Locale.setDefault(saved);
    }
    String nl = System.lineSeparator();
    assertEquals(String.join(nl,
        "epoch 2/10: 30/100 samples (30%), 1000 samples/s, loss 0.0333",
        "epoch 2/10: 50/100 samples (50%), 1000 samples/s, loss 0.0200",
        "epoch 2/10: 80/100 samples (80%), 1000 samples/s, loss 0.0125",
        "epoch 2/10: train loss 0.1235, accuracy 87.50%; test loss 0.2500, accuracy 90.00%; 1.3 s",
        "epoch 3/10: train loss 0.1000, accuracy 90.00%; 0.5 s") + nl, text());
  }

  @Test
  void terminalOutputRedrawsOneLineAtMostTenTimesASecond() {
    ProgressBar bar = new ProgressBar(out, true);
    bar.onEpochStart(1, 3, 1000);
    long ms = 1_000_000L;
    bar.onBatch(1, 100, 1000, 0.5, 50 * ms);   // drawn: first
    bar.onBatch(1, 200, 1000, 0.5, 100 * ms);  // skipped: 50 ms later
    bar.onBatch(1, 500, 1000, 0.4, 150 * ms);  // drawn: 100 ms later
    bar.onBatch(1, 600, 1000, 0.4, 200 * ms);  // skipped
    bar.onBatch(1, 1000, 1000, 0.3, 210 * ms); // drawn: the last batch
    bar.onEpochEnd(new EpochResult(1, 0.3, 0.5, 0.2, 0.6, 0.3));
    String s = text();
    assertEquals(4, s.chars().filter(c -> c == '\r').count(), s);
    assertTrue(s.startsWith("\repoch 1/3 [===>                          ] 100/1000  2000 samples/s  loss 0.5000"
        + "  ETA 0:00"), s);
    assertTrue(s.contains("\repoch 1/3 [===============>              ] 500/1000  3333 samples/s  loss 0.4000"), s);
    assertTrue(s.contains("[==============================] 1000/1000"), s);
    String lastLine = s.substring(s.lastIndexOf('\r') + 1);
    assertTrue(lastLine.endsWith("\n"), s);
    assertEquals("epoch 1/3: train loss 0.3000, accuracy 50.00%; test loss 0.2000, accuracy 60.00%; 0.3 s",
        lastLine.stripTrailing(), "the summary replaces the live line");
    String previous = s.substring(s.lastIndexOf('\r', s.lastIndexOf('\r') - 1) + 1, s.lastIndexOf('\r'));
    assertTrue(lastLine.length() - 1 >= previous.length(), "padded to wipe the longer live line: " + s);
    assertTrue(!s.substring(0, s.length() - 1).contains("\n"), "one line per epoch");
  }

  @Test
  void etaFormatting() {
    assertEquals("0:07", ProgressBar.duration(7));
    assertEquals("2:05", ProgressBar.duration(125));
    assertEquals("1:00:01", ProgressBar.duration(3601));
  }

  @Test
  void worksAsTheTrainersListener() {
    Shape shape = Shape.map(1, 2, 2);
    TinyNetwork net = new TinyNetwork("Linear", shape, 0, 2).initialize(1);
    Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).batchSize(8)
        .epochs(2).listener(new ProgressBar(out, false)).build()
        .fit(Synthetic.blobs(100, 2, shape, 0.1, 1, 1), null);
    String[] lines = text().split(System.lineSeparator());
    assertEquals(2 * 4, lines.length, text());
    assertTrue(lines[3].startsWith("epoch 1/2: train loss ") && lines[7].startsWith("epoch 2/2: train loss "),
        text());
  }
}
