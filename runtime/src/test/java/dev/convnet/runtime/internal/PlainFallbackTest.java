package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Run by the build in a JVM that does not read {@code jdk.incubator.vector} (the surefire execution
 * {@code plain-fallback}): generated networks must then get no blocked kernels, so that they run their plain code
 * instead of failing to load the Vector API.
 */
class PlainFallbackTest {
  @Test
  void withoutTheVectorModuleNoBlockedKernelsAreMade() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
        "this test must run without --add-modules jdk.incubator.vector");
    assertFalse(Vectorization.enabled());
    assertEquals(0, Vectorization.lanes());
    assertNull(Vectorization.blockedConv(64, 64, 8, 8, 3, 1, 1));
    assertNull(Vectorization.patchConv(3, 64, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1, 112, 112));
  }

  @Test
  void channelsMustFillWholeBlocks() {
    assertTrue(Vectorization.fits(16, 32, 16));
    assertTrue(Vectorization.fits(16, 32, 8));
    assertTrue(Vectorization.fits(16, 16, 16), "16 output maps are one 16-lane block");
    assertTrue(Vectorization.fits(16, 48, 16), "48 output maps are three 16-lane blocks");
    assertFalse(Vectorization.fits(8, 32, 16), "8 input maps are half a 16-lane block");
    assertFalse(Vectorization.fits(16, 24, 16), "24 output maps are not whole 16-lane blocks");
    assertFalse(Vectorization.fits(16, 32, 0), "no vectors");
  }
}
