package dev.convnet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.processor.diag.Message;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Message} has a diagnostics case that provokes it from a declaration ({@link DiagnosticsTest},
 * {@link GraphLayerDiagnosticsTest}), except the few no compiling declaration can reach, listed here with the reason.
 * A new message without a case fails this test.
 */
class MessageCoverageTest {
  /** The messages no declaration that javac accepts can provoke, and why. */
  static final Map<Message, String> UNREACHABLE = Map.of(
      Message.INTERNAL, "a bug of the processor by definition: the fuzzers assert that no declaration provokes it",
      Message.NETWORK_ON_NON_TYPE, "@Network targets types only, so javac itself rejects it anywhere else (\"annotation"
          + " type not applicable\") and the processor never sees it",
      Message.DUPLICATE_INPUT, "a method's parameters have distinct names in Java, and a block's expansion keeps them"
          + " distinct (a block layer named like another layer is BLOCK_NAME_CLASH first)",
      Message.DISCONNECTED_OUTPUT, "once every input name resolves, every layer but the one @Input reads something and"
          + " there is no cycle, every layer (the output too) depends on the input");

  @Test
  void everyMessageHasADiagnosticsCase() {
    Set<Message> covered = Stream.of(DiagnosticsTest.errors(), DiagnosticsTest.warnings(),
        GraphLayerDiagnosticsTest.errors()).flatMap(s -> s).map(DiagnosticCase::message)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Message.class)));
    Set<Message> missing = EnumSet.allOf(Message.class);
    missing.removeAll(covered);
    missing.removeAll(UNREACHABLE.keySet());
    assertEquals(Set.of(), missing, "messages without a diagnostics case");
    Set<Message> both = EnumSet.copyOf(covered);
    both.retainAll(UNREACHABLE.keySet());
    assertEquals(Set.of(), both, "messages listed as unreachable that a case reaches: take them off the list");
  }
}
