package dev.convnet.examples.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.digits.DigitsMain;
import dev.convnet.runtime.io.CheckpointFile;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.io.ModelFileInfo;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in a child JVM, interrupted (SIGINT) or killed (SIGKILL) at several points — mid-training, during the
 * save of the best model, during the save of the final model — keeps every file it had intact, leaves no temporary
 * file once resumed or finished, and {@code --resume} ends with a model file byte for byte equal to an uninterrupted
 * run's. The job is started as {@code java -cp … DigitsMain}, whose JVM hands it to a second one reading the Vector
 * API module (signals and SIGKILL reach the job through the first), and once with the module given (one JVM).
 */
class KillAndResumeTest {
  private static final long TIMEOUT_SECONDS = 180;

  @TempDir
  static Path dir;
  private static Path data;
  private static byte[] reference;

  @BeforeAll
  static void dataAndUninterruptedRun() throws Exception {
    Assumptions.assumeTrue(File.separatorChar == '/', "KillAndResumeTest sends POSIX signals with kill(1): skipped"
        + " on Windows");
    data = JobFixtures.smallDigits(dir.resolve("data"), 800, 200);
    JobFixtures.Result r = JobFixtures.run(args(dir.resolve("reference")));
    assertEquals(0, r.status(), r.toString());
    reference = Files.readAllBytes(dir.resolve("reference").resolve("lenet5.model"));
  }

  private static String[] args(Path out) {
    return new String[] {"--data", data.toString(), "--epochs", "3", "--batch", "32", "--out", out.toString()};
  }

  @Test
  void sigintMidTrainingCheckpointsAndResumeEqualsTheUninterruptedRun() throws Exception {
    Path out = dir.resolve("mid");
    Child child = Child.start(0, args(out));
    child.await(line -> line.startsWith("epoch 2/3: ") && line.contains("samples ("));
    child.interrupt();
    assertTrue(child.output().contains("interrupted: checkpoint saved to"), child.output());
    assertTrue(Files.isRegularFile(out.resolve("checkpoint.ckpt")));
    assertFalse(Files.exists(out.resolve("lenet5.model")), "the run did not finish");
    assertFalse(JobFixtures.hasTemporary(out), JobFixtures.names(out).toString());
    int batch = CheckpointFile.load(out.resolve("checkpoint.ckpt")).training().batch();
    assertTrue(batch > 0, "stopped between two mini-batches, batch " + batch);
    resumeAndCompare(out);
  }

  @Test
  void sigintDuringTheFinalSaveFinishesTheSave() throws Exception {
    Path out = dir.resolve("final-save");
    Child child = Child.start(true, 1000, args(out)); // the job's own JVM gets the signal
    child.await(line -> line.startsWith("saving ") && line.endsWith("lenet5.model"));
    child.interrupt();
    assertArrayEquals(reference, Files.readAllBytes(out.resolve("lenet5.model")));
    assertTrue(Files.isRegularFile(out.resolve("report.html")), child.output());
    assertFalse(JobFixtures.hasTemporary(out), JobFixtures.names(out).toString());
  }

  @Test
  void sigintDuringABestModelSaveFinishesItThenStops() throws Exception {
    Path out = dir.resolve("best-save");
    Child child = Child.start(1000, args(out));
    child.await(line -> line.startsWith("saving ") && line.endsWith("best.model"));
    child.interrupt();
    ModelFileInfo best = ModelFile.inspect(out.resolve("best.model"));
    assertEquals(1.0, best.metadata().metrics().get("epoch"));
    assertFalse(JobFixtures.hasTemporary(out), JobFixtures.names(out).toString());
    resumeAndCompare(out);
  }

  @Test
  void sigkillDuringABestModelSaveKeepsThePreviousOneAndResumeCleansUp() throws Exception {
    Path out = dir.resolve("killed");
    Child child = Child.start(1500, args(out));
    child.await(line -> line.startsWith("epoch 2/3: train loss"));
    child.await(line -> line.startsWith("saving ") && line.endsWith("best.model"));
    Thread.sleep(300); // inside the write: the temporary file exists
    child.signal("KILL");
    child.assertExit(137);
    ModelFileInfo best = ModelFile.inspect(out.resolve("best.model"));
    assertEquals(1.0, best.metadata().metrics().get("epoch"), "the previous best model is intact");
    assertTrue(JobFixtures.hasTemporary(out), "a SIGKILL cannot be handled: " + JobFixtures.names(out));
    resumeAndCompare(out);
  }

  private static void resumeAndCompare(Path out) throws IOException {
    JobFixtures.Result r = JobFixtures.run("--resume", out.toString());
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().contains("resuming " + out), r.out());
    assertArrayEquals(reference, Files.readAllBytes(out.resolve("lenet5.model")), "resumed ≠ uninterrupted");
    assertFalse(JobFixtures.hasTemporary(out), JobFixtures.names(out).toString());
    JobFixtures.Result again = JobFixtures.run("--resume", out.toString());
    assertEquals(2, again.status());
    assertTrue(again.err().contains("is complete (3 of 3 epochs)"), again.err());
  }

  /**
   * SIGINT, as Ctrl-C sends it — unless this process ignores SIGINT (a background job of a non-interactive shell,
   * nohup), which the child then inherits and its JVM keeps ignoring: then SIGTERM, which the job handles the same
   * way. Linux tells which from /proc; elsewhere SIGINT.
   */
  private static final String INTERRUPT = sigintIgnored() ? "TERM" : "INT";

  private static boolean sigintIgnored() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          boolean ignored = (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
          if (ignored) {
            System.err.println("KillAndResumeTest: SIGINT is ignored in this process (and would be in the child):"
                + " interrupting with SIGTERM instead");
          }
          return ignored;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return false;
  }

  /** The job in a child JVM, its output read line by line. */
  private static final class Child {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    /** Lines already matched by {@link #await}. */
    private int seen;

    private final Thread reader;
    private final List<ProcessHandle> jobs = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(line);
              lines.notifyAll();
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    /**
     * The job as {@code java -cp … DigitsMain} starts it: a JVM without the Vector API module, which hands the job to
     * a child JVM reading it ({@code VectorRelaunch}); signals go to the first.
     */
    static Child start(long slowSaveMillis, String... args) throws IOException {
      return start(false, slowSaveMillis, args);
    }

    /** The job in one JVM, started with {@code --add-modules jdk.incubator.vector} (no second JVM) when {@code direct}. */
    static Child start(boolean direct, long slowSaveMillis, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      if (direct) {
        command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      if (slowSaveMillis > 0) {
        command.add("-Dconvnet.test.slowSaveMillis=" + slowSaveMillis);
      }
      command.add(DigitsMain.class.getName());
      command.addAll(List.of(args));
      return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits for a line (after those already matched) that matches. */
    void await(Predicate<String> line) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      synchronized (lines) {
        while (true) {
          for (int i = seen; i < lines.size(); i++) {
            if (line.test(lines.get(i))) {
              seen = i + 1;
              return;
            }
          }
          long left = end - System.nanoTime();
          if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
            process.destroyForcibly();
            throw new AssertionError("the expected line never came; output:\n" + output());
          }
          lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
        }
      }
    }


    /** Interrupts the job as Ctrl-C does ({@link #INTERRUPT}) and expects it to end with that signal's status. */
    void interrupt() throws IOException, InterruptedException {
      signal(INTERRUPT);
      assertExit(INTERRUPT.equals("INT") ? 130 : 143);
    }

    void signal(String name) throws IOException, InterruptedException {
      // the job's own JVM when the launcher handed it to one reading the Vector API module (VectorRelaunch)
      process.descendants().forEach(jobs::add);
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    void assertExit(int expected) throws InterruptedException {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the job did not end; output:\n" + output());
      }
      for (ProcessHandle job : jobs) { // a launcher killed by SIGKILL: its job ends by itself, as killed
        assertTrue(job.onExit().completeOnTimeout(null, TIMEOUT_SECONDS, TimeUnit.SECONDS).join() != null,
            "the job's JVM " + job.pid() + " did not end; output:\n" + output());
      }
      Thread.sleep(50);
      assertEquals(expected, process.exitValue(), output());
    }

    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }
}
