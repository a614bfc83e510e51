package dev.convnet.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void everyMemberRunsOncePerRoundOnItsOwnThread() {
    try (WorkerPool pool = new WorkerPool(3, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(3);
      Set<Thread> threads = ConcurrentHashMap.newKeySet();
      for (int round = 0; round < 2000; round++) {
        pool.run(m -> {
          runs.incrementAndGet(m);
          threads.add(Thread.currentThread());
        }, 3);
      }
      for (int m = 0; m < 3; m++) {
        assertEquals(2000, runs.get(m), "member " + m);
      }
      assertEquals(3, threads.size());
      assertTrue(threads.contains(Thread.currentThread()), "member 0 runs on the caller");
    }
  }

  @Test
  void fewerMembersThanThreadsRunOnlyThoseMembers() {
    try (WorkerPool pool = new WorkerPool(4, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      for (int round = 0; round < 100; round++) {
        pool.run(runs::incrementAndGet, 1 + round % 4);
      }
      assertEquals(100, runs.get(0));
      assertEquals(75, runs.get(1));
      assertEquals(50, runs.get(2));
      assertEquals(25, runs.get(3));
    }
  }

  @Test
  void aHelpersExceptionIsRethrownToTheCallerAndThePoolKeepsWorking() {
    try (WorkerPool pool = new WorkerPool(2, "test")) {
      IllegalStateException boom = new IllegalStateException("boom in member 1");
      IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(m -> {
        if (m == 1) {
          throw boom;
        }
      }, 2));
      assertSame(boom, thrown);
      AtomicIntegerArray runs = new AtomicIntegerArray(2);
      pool.run(runs::incrementAndGet, 2);
      assertEquals(1, runs.get(1));
    }
  }

  @Test
  void aClosedPoolRefusesWorkAndBadSizesAreRejected() {
    WorkerPool pool = new WorkerPool(2, "test");
    pool.close();
    assertThrows(IllegalStateException.class, () -> pool.run(m -> { }, 1));
    assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test"));
    try (WorkerPool p = new WorkerPool(2, "test")) {
      assertThrows(IllegalArgumentException.class, () -> p.run(m -> { }, 3));
    }
  }
}
