package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar convnet-examples.jar} with no flag runs the Vector API code: a JVM that does not read
 * {@code jdk.incubator.vector} hands the job to one that does, with its options, class path, arguments and streams,
 * and ends with its status; {@code -Dconvnet.vector=false} keeps the plain kernels in one JVM.
 */
class VectorRelaunchTest {
  private static final long TIMEOUT_SECONDS = 180;

  @TempDir
  static Path dir;
  private static Path data;

  @BeforeAll
  static void data() throws Exception {
    data = IdxFiles.smallDigits(dir.resolve("data"), 200, 50);
  }

  /** The job's output and status in a JVM started with {@code jvm} options and no {@code --add-modules}. */
  private record Run(int status, String output) {}

  private static Run job(List<String> jvm, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DigitsMain.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the job did not end");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String[] train(String out) {
    return new String[] {"--data", data.toString(), "--epochs", "1", "--batch", "16", "--out",
        dir.resolve(out).toString()};
  }

  @Test
  void aJvmWithoutTheModuleHandsTheJobToOneThatReadsIt() throws Exception {
    Run r = job(List.of(), train("relaunched"));
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("kernels: Vector API (jdk.incubator.vector, "), r.output());
    assertTrue(r.output().contains("test accuracy: "), r.output());
    assertFalse(r.output().contains("run their plain kernels"), "no plain-kernel notice from either JVM:\n" + r.output());
    assertEquals(1, count(r.output(), "run folder: "), "the job ran once:\n" + r.output());
  }

  @Test
  void vectorFalseKeepsThePlainKernelsInOneJvm() throws Exception {
    Run r = job(List.of("-Dconvnet.vector=false"), train("plain"));
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("kernels: plain Java (-Dconvnet.vector=false)"), r.output());
    assertFalse(r.output().contains("WARNING: Using incubator modules"), "no JVM reading the module:\n" + r.output());
  }

  @Test
  void theJobsStatusAndErrorsComeThroughOnce() throws Exception {
    Run r = job(List.of(), "--epochs", "zero");
    assertEquals(2, r.status(), r.output());
    assertEquals(1, count(r.output(), "error: "), r.output());
  }

  @Test
  void theSecondJvmGetsTheModuleTheOptionsAndTheArguments() {
    List<String> c = VectorRelaunch.command("--epochs", "2");
    assertEquals(List.of("--add-modules", "jdk.incubator.vector"), c.subList(1, 3));
    assertTrue(c.containsAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()), c.toString());
    assertTrue(c.contains("-D" + VectorRelaunch.MARK + "=true"), c.toString());
    assertEquals(List.of("-cp", System.getProperty("java.class.path"), DigitsMain.class.getName(), "--epochs", "2"),
        c.subList(c.size() - 5, c.size()));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
