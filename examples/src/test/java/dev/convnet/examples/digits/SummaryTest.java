package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model summary keeps its columns aligned when block layers have long names. */
class SummaryTest {
  @Test
  void columnsStayAlignedWithLongBlockLayerNames() throws Exception {
    for (String name : List.of("lenet5", "resnet", "densenet")) {
      String summary = Summary.of(NetworkChoice.byName(name).network());
      List<String> lines = summary.lines().toList();
      int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("═")).findFirst().orElseThrow());
      List<String> rows = lines.subList(header + 1, lines.size()).stream().takeWhile(l -> !l.startsWith("─"))
          .toList();
      assertTrue(rows.size() > 5, summary);
      int end = rows.get(0).length();
      for (String r : rows) {
        assertEquals(end, r.length(), name + ": row ends with the others: '" + r + "'");
      }
      assertTrue(summary.contains("stage2_downsampleBn") || !name.equals("resnet"), summary);
    }
    assertTrue(Summary.of(NetworkChoice.byName("lenet5").network()).contains("─".repeat(100) + "\n"));
  }
}
