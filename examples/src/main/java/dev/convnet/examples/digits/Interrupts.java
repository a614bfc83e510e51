package dev.convnet.examples.digits;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM for the command-line job: a shutdown hook asks the training in progress to stop at the
 * next mini-batch (it then writes a checkpoint) and waits until the job has finished writing and closed its run
 * folder, so an interrupt never cuts a save short and never leaves a temporary file. Installed only by
 * {@link DigitsMain#main}.
 */
final class Interrupts {
  private static final long WAIT_SECONDS = 120;
  private static volatile boolean installed;
  private static volatile boolean interrupted;
  private static volatile Runnable stopper;
  private static final CountDownLatch DONE = new CountDownLatch(1);

  private Interrupts() {}

  static void install() {
    installed = true;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      interrupted = true;
      Runnable r = stopper;
      if (r != null) {
        r.run();
      }
      try {
        if (!DONE.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
          System.err.println("error: the job did not finish writing within " + WAIT_SECONDS + " s of the interrupt");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "convnet-interrupt"));
  }

  /** Whether the process is being interrupted (always false in tests that call {@code DigitsMain.run}). */
  static boolean interrupted() {
    return installed && interrupted;
  }

  /** What stops the work in progress on an interrupt; null when nothing is to be stopped. */
  static void onInterrupt(Runnable r) {
    stopper = r;
  }

  /** The job has written everything: the hook may let the JVM exit. */
  static void done() {
    DONE.countDown();
  }
}
