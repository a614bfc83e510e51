package dev.convnet.examples.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of issue 16: options a command would ignore, contradictory options, numbers that overflow, and
 * output locations that cannot hold a run are one-line errors (status 2) before any training, and leave nothing
 * behind.
 */
class JobOptionsTest {
  @TempDir
  Path dir;

  private static void assertUsageError(String expected, String... args) {
    JobFixtures.Result r = JobFixtures.run(args);
    assertEquals(2, r.status(), String.join(" ", args) + ": " + r);
    String e = r.err().strip();
    assertTrue(e.startsWith("error: ") && e.lines().count() == 1, e);
    assertTrue(e.contains(expected), "expected '" + expected + "' in: " + e);
    assertFalse(r.out().contains("epoch"), "training started: " + r.out());
  }

  @Test
  void ignoredAndContradictoryOptionsAreErrors() {
    assertUsageError("--index chooses a sample of --idx; it means nothing with --image", "classify", "--model", "m",
        "--image", "a.png", "--index", "3");
    assertUsageError("--lr is a training option; classify takes --model", "classify", "--model", "m", "--idx",
        "x", "--lr", "0.1");
    assertUsageError("--epochs is a training option", "classify", "--epochs", "3", "--model", "m", "--idx", "x");
    assertUsageError("--image is a classify option", "--image", "a.png");
    assertUsageError("--no-center applies to --image", "classify", "--model", "m", "--idx", "x", "--no-center");
    assertUsageError("--lr is given twice", "--lr", "0.1", "--lr", "0.2");
    assertUsageError("--resume continues a run with the settings saved in its checkpoint; remove --lr", "--resume",
        "runs/x", "--lr", "0.1");
    assertUsageError("--early-stop 5 can never stop a run of 3 epochs", "--epochs", "3", "--early-stop", "5");
    assertUsageError("--val-split must be a fraction above 0 and at most 0.5, got 0.9", "--val-split", "0.9");
    assertUsageError("--classes 'a,,b': give digits, fashion, or at least two", "--classes", "a,,b");
  }

  @Test
  void numbersThatOverflowOrAreNotNumbersSaySo() {
    assertUsageError("--lr 1e400 is not a finite number (it overflows a double", "--lr", "1e400");
    assertUsageError("--lr Infinity is not a finite number", "--lr", "Infinity");
    assertUsageError("--lr must be a number, got NaN", "--lr", "NaN");
    assertUsageError("--lr must be a positive number, got 1e-400 (it underflows to 0)", "--lr", "1e-400");
    assertUsageError("--lr must be a positive number, got -1", "--lr", "-1");
    assertUsageError("--epochs takes a whole number, got 'zero'", "--epochs", "zero");
  }

  @Test
  void outputLocationsThatCannotHoldARunAreRefusedBeforeTraining() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertUsageError("--out " + file + " is a file, not a folder", "--out", file.toString(), "--epochs", "1");
    assertUsageError(file + " is a file, not a folder", "--out", file.resolve("sub").toString());
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("lenet5.model"), "an earlier model");
    assertUsageError("already holds lenet5.model; give a new or empty folder, or continue that run with --resume",
        "--out", used.toString());
    assertEquals("an earlier model", Files.readString(used.resolve("lenet5.model")));
    assertUsageError("does not exist", "--resume", dir.resolve("nothing").toString());
    assertUsageError("holds no checkpoint.ckpt", "--resume", used.toString());
    assertEquals(List.of("afile", "used"), JobFixtures.names(dir));
  }
}
