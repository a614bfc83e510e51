package dev.convnet.examples.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The comparisons fail when they should: over the limit, at the limit, NaN; and they list every failure. */
class ErrorTableTest {
  @Test
  void relativeErrorIsTheRatioOfNorms() {
    assertEquals(0.5, ErrorTable.relative(new double[] {3, 4}, new double[] {6, 8}), 1e-15);
    assertEquals(5, ErrorTable.relative(new double[] {3, 4, 99}, new double[] {0, 0}), 1e-15, "absolute at zero");
    assertThrows(IllegalArgumentException.class, () -> ErrorTable.relative(new double[1], new double[2]));
  }

  @Test
  void withinTheLimitPasses() {
    ErrorTable t = new ErrorTable();
    t.check("close", new float[] {1.0000001f}, new double[] {1}, 1e-6);
    t.check("exact", 2.0, 2.0, 1e-15);
    t.assertWithinLimits();
    assertTrue(t.worst() > 0 && t.worst() < 1e-6, "worst " + t.worst());
  }

  @Test
  void everyComparisonOverOrAtItsLimitOrNaNFails() {
    ErrorTable t = new ErrorTable();
    t.check("over (on purpose)", 1.1, 1.0, 0.05);
    t.check("fine", 1.0, 1.0, 0.05);
    t.check("at (on purpose)", 0.25, 0.25);
    t.check("nan (on purpose)", new double[] {Double.NaN}, new double[] {1}, 1);
    AssertionFailedError e = assertThrows(AssertionFailedError.class, t::assertWithinLimits);
    assertTrue(e.getMessage().startsWith("3 comparison(s) over the limit"), e.getMessage());
    String m = e.getMessage();
    assertTrue(m.contains("over (on purpose):") && m.contains("at (on purpose):") && m.contains("nan (on purpose):")
        && !m.contains("fine:"), m);
    assertTrue(Double.isNaN(t.worst()));
  }
}
