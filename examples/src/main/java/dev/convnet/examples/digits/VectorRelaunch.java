package dev.convnet.examples.digits;

import dev.convnet.runtime.internal.Vectorization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's fast path with no flag to know: {@code java -jar convnet-examples.jar} starts a JVM that does not read the
 * incubating {@code jdk.incubator.vector} module (a jar's manifest cannot add it), so when this JDK has the module the
 * job runs itself again in a child JVM that reads it: the same {@code java}, the same JVM options, class path and
 * arguments, the standard streams inherited, and this JVM exits with the child's status. An interrupt (Ctrl-C, or a
 * SIGTERM sent to this process alone) reaches the child, which stops at its next mini-batch and saves as usual; this
 * JVM waits for it. {@code -Dconvnet.vector=false} runs the plain kernels in this JVM instead; a JDK without the module
 * (a jlink image) runs them too, and says so in one log line.
 */
final class VectorRelaunch {
  static final String MODULE = Vectorization.MODULE;
  /** Set on the child's command line, so that it never starts another. */
  static final String MARK = "convnet.relaunched";
  /** The status of a JVM ended by SIGKILL (128 + 9), which the child takes when its parent was killed so. */
  static final int KILLED = 137;
  private static final long PARENT_POLL_MILLIS = 50;

  private VectorRelaunch() {}

  /** Whether this JVM should hand the job to a child that reads the Vector API module. */
  static boolean wanted() {
    return !Boolean.getBoolean(MARK)
        && !Vectorization.switchedOff()
        && ModuleLayer.boot().findModule(MODULE).isEmpty()
        && ModuleFinder.ofSystem().find(MODULE).isPresent();
  }

  /** The child's command line: this JVM's {@code java}, options and class path, the module added, then the job. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add(MODULE);
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-D" + MARK + "=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DigitsMain.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * In the child: ends this JVM at once, as a SIGKILL would, when the JVM that started it is gone without waiting for
   * it (killed with SIGKILL), so that a job never runs on unseen, holding its run folder.
   */
  static void watchParent() {
    if (!Boolean.getBoolean(MARK)) {
      return;
    }
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) {
      return;
    }
    Thread watch = new Thread(() -> {
      try {
        while (parent.isAlive()) {
          Thread.sleep(PARENT_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(KILLED);
    }, "convnet-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  /** Runs the job in the child and returns its exit status. */
  static int run(String... args) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(command(args)).inheritIO().start();
    Thread hook = new Thread(() -> {
      // A SIGTERM sent to this process alone must reach the child; after a Ctrl-C the child has its SIGINT already
      // and a second signal while its shutdown hook saves changes nothing.
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "convnet-relaunch");
    Runtime.getRuntime().addShutdownHook(hook);
    int status = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(hook);
    return status;
  }
}
