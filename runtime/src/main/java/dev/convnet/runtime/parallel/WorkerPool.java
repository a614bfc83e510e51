package dev.convnet.runtime.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs one task per member, {@code task.accept(0)} on the calling thread and
 * {@code task.accept(1 .. size−1)} on helper threads, and returns when all are done. A round allocates nothing:
 * helpers wait by spinning briefly, then parking, and are woken with {@link LockSupport#unpark}.
 *
 * <p>Not thread-safe: one thread at a time calls {@link #run}. Helpers are daemon threads; {@link #close} stops them.
 */
public final class WorkerPool implements AutoCloseable {
  /** Spins before parking: long enough to bridge the serial part of a training step, short enough not to burn. */
  private static final int SPINS = 1 << 14;

  private final int size;
  private final Thread[] helpers;
  private final Throwable[] failures;
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile int round;
  private volatile boolean closed;
  private volatile Thread caller;
  private IntConsumer task;
  private int active;

  /**
   * A team of {@code size} members: the caller and {@code size − 1} helper threads.
   *
   * @param size the number of values
   * @param name the name
   */
  public WorkerPool(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + size);
    }
    this.size = size;
    this.helpers = new Thread[size - 1];
    this.failures = new Throwable[size];
    for (int i = 1; i < size; i++) {
      final int member = i;
      Thread t = new Thread(() -> helperLoop(member), name + "-" + i);
      t.setDaemon(true);
      helpers[i - 1] = t;
      t.start();
    }
  }

  /**
   * Members of the team, the caller included.
   *
   * @return members of the team, the caller included
   */
  public int size() {
    return size;
  }

  /**
   * Runs {@code task} for members {@code 0 .. members−1} ({@code members ≤ size()}) and waits for all of them. An
   * exception thrown by a member is rethrown here (the lowest member's first), after every member has finished.
   *
   * @param task what each member runs, given its index
   * @param members how many run the task
   */
  public void run(IntConsumer task, int members) {
    if (closed) {
      throw new IllegalStateException("this worker pool is closed");
    }
    if (members < 1 || members > size) {
      throw new IllegalArgumentException("members must be in [1, " + size + "], got " + members);
    }
    if (members == 1) {
      task.accept(0);
      return;
    }
    this.task = task;
    this.caller = Thread.currentThread();
    remaining.set(members - 1);
    active = members;
    round = round + 1; // publishes task and active to the helpers
    for (int i = 1; i < members; i++) {
      LockSupport.unpark(helpers[i - 1]);
    }
    try {
      task.accept(0);
    } catch (Throwable t) {
      failures[0] = t;
    }
    int spins = 0;
    while (remaining.get() != 0) {
      if (spins < SPINS) {
        spins++;
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
    this.task = null;
    rethrowFailures(members);
  }

  private void helperLoop(int member) {
    int seen = 0;
    while (true) {
      int spins = 0;
      while (round == seen && !closed) {
        if (spins < SPINS) {
          spins++;
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = round;
      if (member >= active) {
        continue;
      }
      try {
        task.accept(member);
      } catch (Throwable t) {
        failures[member] = t;
      }
      if (remaining.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  private void rethrowFailures(int members) {
    Throwable first = null;
    for (int i = 0; i < members; i++) {
      if (failures[i] != null) {
        if (first == null) {
          first = failures[i];
        } else if (first != failures[i]) {
          first.addSuppressed(failures[i]);
        }
        failures[i] = null;
      }
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
    if (first != null) {
      throw new IllegalStateException("a worker failed", first);
    }
  }

  /** Stops the helper threads; the pool cannot run again. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : helpers) {
      LockSupport.unpark(t);
    }
  }
}
