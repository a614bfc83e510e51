package dev.convnet.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.function.Executable;

/** Asserts that rejecting hostile input does not allocate memory for what the input merely claims to hold. */
public final class Allocation {
  private Allocation() {}

  /**
   * Runs {@code action}, expecting {@code type}, and checks the current thread allocated at most {@code maxBytes}
   * meanwhile.
   */
  public static <T extends Throwable> T assertThrowsAllocatingAtMost(long maxBytes, Class<T> type,
                                                                    Executable action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    T thrown = assertThrows(type, action);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated <= maxBytes, "rejecting the input allocated " + allocated + " bytes (at most " + maxBytes
        + " expected): " + thrown.getMessage());
    return thrown;
  }
}
