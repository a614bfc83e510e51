package dev.convnet.runtime.io;

import static dev.convnet.runtime.io.ModelFiles.SHAPE;
import static dev.convnet.runtime.io.ModelFiles.assertNamesFileAndProblem;
import static dev.convnet.runtime.io.ModelFiles.rewriteChecksum;
import static dev.convnet.runtime.io.ModelFiles.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.optim.Adam;
import dev.convnet.runtime.optim.AdamW;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.testing.TinyNetwork;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint files: everything round-trips (parameters, buffers, optimizer state, training state, properties); a run
 * continued from a checkpoint file ends bit for bit where the uninterrupted run ends; damaged, cut, foreign and
 * mismatched files are refused with the file and the problem named and nothing changed; an interrupted save leaves
 * the previous checkpoint intact and no temporary file.
 */
class CheckpointFileTest {
  @TempDir
  Path dir;

  private static TinyNetwork withBuffers(long seed) {
    TinyNetwork net = new TinyNetwork("Small", SHAPE, 0, 3, small(seed).fingerprint(), true).initialize(seed);
    net.parameters().setBuffer("out.running_mean", new float[] {0.5f * seed, -1.25f, 3});
    return net;
  }

  private static TrainingState state(int epoch, int batch) {
    List<EpochResult> history = new java.util.ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      history.add(new EpochResult(e, 1.0 / e, 0.5, Double.NaN, 0.25 * e, 3.5));
    }
    return new TrainingState(epoch, batch, 12.75, 9, 42, epoch + 1, new int[] {3, 1, 0, 2}, 0.001, "cosine:10:0.0",
        history);
  }

  /** A few steps of a quadratic loss toward zero, through the network's own parameter array. */
  private static void train(TinyNetwork net, Optimizer optimizer, int steps) {
    float[] p = net.parameters().data();
    for (int t = 0; t < steps; t++) {
      float[] g = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        g[i] = p[i] * (1 + i % 4) - 0.25f;
      }
      optimizer.step(p, g);
    }
  }

  @Test
  void everythingRoundTrips() throws IOException {
    TinyNetwork net = withBuffers(1);
    Adam adam = new Adam(0.01, 0.9, 0.99, 1e-8, 0.01, true);
    train(net, adam, 3);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("optimizer", "adam");
    properties.put("data", "/tmp/müll");
    Path file = dir.resolve("run.ckpt");
    CheckpointFile.save(Checkpoint.of(net, adam, state(2, 5), properties), file);
    Checkpoint c = CheckpointFile.load(file);
    assertEquals("Small", c.networkName());
    assertEquals(net.fingerprint(), c.fingerprint());
    assertEquals(List.copyOf(properties.entrySet()), List.copyOf(c.properties().entrySet()));
    TrainingState t = c.training();
    TrainingState expected = state(2, 5);
    assertEquals(List.of(2, 5, 9, 42L, 3L, 0.001, "cosine:10:0.0"), List.of(t.epoch(), t.batch(), t.epochCorrect(),
        t.seed(), t.shuffles(), t.initialLearningRate(), t.schedule()));
    assertEquals(12.75, t.epochLossSum());
    assertArrayEquals(expected.order(), t.order());
    assertEquals(expected.history(), t.history());
    assertEquals(adam.exportState().describe(), c.optimizer().describe());
    for (String slot : List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")) {
      assertArrayEquals(adam.exportState().slots().get(slot), c.optimizer().slots().get(slot), slot);
    }
    TinyNetwork other = withBuffers(9);
    Adam fresh = new Adam(0.01, 0.9, 0.99, 1e-8, 0.01, true);
    c.restore(other, fresh);
    assertArrayEquals(net.parameters().data(), other.parameters().data());
    assertArrayEquals(net.parameters().buffers(), other.parameters().buffers());
    assertEquals(3, fresh.steps());
  }

  @Test
  void aRunContinuedFromACheckpointFileEndsBitForBitWhereTheUninterruptedOneEnds() throws IOException {
    TinyNetwork straight = withBuffers(3);
    AdamW a = new AdamW(0.02);
    train(straight, a, 20);

    TinyNetwork first = withBuffers(3);
    AdamW b = new AdamW(0.02);
    train(first, b, 8);
    Path file = dir.resolve("mid.ckpt");
    CheckpointFile.save(Checkpoint.of(first, b, state(0, 8), Map.of()), file);
    train(first, b, 5); // progress after the checkpoint is lost, as after a crash

    TinyNetwork resumed = withBuffers(4);
    AdamW c = new AdamW(0.02);
    CheckpointFile.load(file).restore(resumed, c);
    train(resumed, c, 12);
    assertArrayEquals(straight.parameters().data(), resumed.parameters().data());
    assertEquals(a.steps(), c.steps());
  }

  @Test
  void aMismatchedNetworkOrOptimizerIsRefusedAndNothingChanges() throws IOException {
    TinyNetwork net = withBuffers(1);
    Adam adam = new Adam(0.01);
    train(net, adam, 2);
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.save(Checkpoint.of(net, adam, state(0, 2), Map.of()), file);
    Checkpoint c = CheckpointFile.load(file);

    TinyNetwork other = new TinyNetwork("Other", SHAPE, 2, 3, "other-fingerprint", true).initialize(5);
    float[] before = other.parameters().data().clone();
    Adam fresh = new Adam(0.01);
    ModelFileException e = assertThrows(ModelFileException.class, () -> c.restore(other, fresh));
    assertNamesFileAndProblem(e, file, "was saved from a different architecture");
    assertArrayEquals(before, other.parameters().data());
    assertEquals(0, fresh.steps());

    TinyNetwork same = withBuffers(7);
    before = same.parameters().data().clone();
    AdamW adamw = new AdamW(0.01);
    e = assertThrows(ModelFileException.class, () -> c.restore(same, adamw));
    assertNamesFileAndProblem(e, file, "was saved with optimizer Adam(lr=0.01", "but this run uses AdamW(lr=0.01");
    assertArrayEquals(before, same.parameters().data());
    assertEquals(0, adamw.steps());
  }

  @Test
  void damagedCutAndForeignFilesAreRefusedWithTheProblemNamed() throws IOException {
    TinyNetwork net = withBuffers(1);
    Adam adam = new Adam(0.01);
    train(net, adam, 1);
    Path file = dir.resolve("good.ckpt");
    CheckpointFile.save(Checkpoint.of(net, adam, state(1, 0), Map.of("k", "v")), file);
    byte[] good = Files.readAllBytes(file);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    assertLoadFails(flipped, "corrupt: checksum mismatch");
    for (int cut : new int[] {4, 12, 40, good.length / 2, good.length - 5}) {
      assertLoadFails(java.util.Arrays.copyOf(good, cut), "truncated or corrupt: the ");
    }
    assertLoadFails(new byte[0], "is empty (0 bytes), not a convnet checkpoint file");
    byte[] newer = good.clone();
    ByteBuffer.wrap(newer).putInt(8, 2);
    rewriteChecksum(newer);
    assertLoadFails(newer, "unsupported checkpoint file version 2; this reader supports version 1");
    byte[] absurd = good.clone();
    int countAt = 12 + 4 + "Small".length();
    ByteBuffer.wrap(absurd).putInt(countAt, -5); // the fingerprint's length
    rewriteChecksum(absurd);
    assertLoadFails(absurd, "corrupt: negative length -5 of the architecture fingerprint");

    Path model = dir.resolve("a.model");
    ModelFile.save(net, model);
    ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointFile.load(model));
    assertNamesFileAndProblem(e, model, "not a convnet checkpoint file (it does not start with \"CNVCKPT1\")");
    e = assertThrows(ModelFileException.class, () -> ModelFile.load(withBuffers(1), file));
    assertNamesFileAndProblem(e, file, "not a convnet model file");
    e = assertThrows(ModelFileException.class, () -> CheckpointFile.load(dir.resolve("missing.ckpt")));
    assertNamesFileAndProblem(e, dir.resolve("missing.ckpt"), "no such file");
  }

  @Test
  void anInterruptedSaveLeavesThePreviousCheckpointIntactAndNoTemporaryFile() throws IOException {
    TinyNetwork net = withBuffers(1);
    Adam adam = new Adam(0.01);
    train(net, adam, 1);
    Path file = dir.resolve("run.ckpt");
    CheckpointFile.save(Checkpoint.of(net, adam, state(1, 0), Map.of()), file);
    byte[] previous = Files.readAllBytes(file);
    train(net, adam, 1);
    Checkpoint next = Checkpoint.of(net, adam, state(1, 1), Map.of());
    for (long failAt : new long[] {1, 100, previous.length - 5, previous.length}) {
      assertThrows(IOException.class, () -> CheckpointFile.save(next, file, written -> {
        if (written >= failAt) {
          throw new IOException("simulated failure at " + written);
        }
      }));
      assertArrayEquals(previous, Files.readAllBytes(file));
      assertEquals(List.of(file), listing());
    }
    CheckpointFile.save(next, file);
    assertEquals(1, CheckpointFile.load(file).training().batch());
  }

  @Test
  void temporaryFilesLeftByAKilledWriterAreRecognizedAndDeleted() throws IOException {
    Path kept = Files.write(dir.resolve("run.ckpt"), new byte[] {1});
    Path hidden = Files.write(dir.resolve(".config"), new byte[] {1});
    Path left = Files.write(dir.resolve(".run.ckpt.3k9z0aq1.tmp"), new byte[0]);
    Path other = Files.write(dir.resolve("notes.tmp"), new byte[] {1});
    assertTrue(AtomicFile.isTemporary(left));
    assertFalse(AtomicFile.isTemporary(other));
    assertFalse(AtomicFile.isTemporary(hidden));
    assertEquals(1, AtomicFile.deleteLeftTemporaries(dir));
    assertEquals(List.of(hidden, other, kept), listing());
  }

  @Test
  void atomicFileWritesPlainContent() throws IOException {
    Path report = dir.resolve("report.html");
    AtomicFile.write(report, out -> out.writeBytes("<html>"));
    assertEquals("<html>", Files.readString(report));
    assertThrows(IOException.class, () -> AtomicFile.write(report, out -> {
      out.writeBytes("<p>half");
      throw new IOException("producer failed");
    }));
    assertEquals("<html>", Files.readString(report));
    assertEquals(List.of(report), listing());
  }

  private void assertLoadFails(byte[] bytes, String fragment) throws IOException {
    Path bad = Files.write(dir.resolve("bad.ckpt"), bytes);
    ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointFile.load(bad));
    assertNamesFileAndProblem(e, bad, fragment);
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
