package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.convnet.processor.diag.Message;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * One declaration and the one diagnostic it must get: which {@link Message}, a piece of its text (the facts: names,
 * shapes, numbers) and the line it points at. {@link #assertReported()} compiles {@code test.Net} from the source and
 * checks that the compilation has exactly one error of that message (for a warning: exactly one warning of it and no
 * error), that it contains the text and sits on the line containing {@code line}.
 *
 * @param javacError a piece of javac's own error that comes with the processor's (a value javac cannot resolve is
 *                   also one the processor cannot read), or null when javac reports nothing
 */
record DiagnosticCase(String what, Message message, String source, String text, String line, String javacError) {
  static DiagnosticCase of(String what, Message message, String source, String text, String line) {
    return new DiagnosticCase(what, message, source, text, line, null);
  }

  /** The same case, where javac reports its own error (containing {@code fragment}) next to the processor's. */
  DiagnosticCase besideJavacError(String fragment) {
    return new DiagnosticCase(what, message, source, text, line, fragment);
  }

  @Override
  public String toString() {
    return what + " (" + message + ")";
  }

  void assertReported() {
    JavaFileObject src = DiagnosticsTest.source("Net", source);
    Compilation c = DiagnosticsTest.compile(src);
    boolean error = message.severity() == Message.Severity.ERROR;
    List<String> errors = texts(c.errors());
    List<String> ours = error ? tagged(errors) : texts(c.warnings());
    String all = "errors: " + errors + "\nwarnings: " + texts(c.warnings());
    if (error) {
      assertThat(c).failed();
      List<String> javacs = errors.stream().filter(e -> !e.startsWith("[cnn:")).toList();
      if (javacError == null) {
        assertEquals(List.of(), javacs, "no error of javac's own expected; " + all);
      } else {
        assertTrue(javacs.size() == 1 && javacs.get(0).contains(javacError), "javac's own error expected; " + all);
      }
    } else {
      assertThat(c).succeeded();
    }
    assertEquals(1, ours.size(), "exactly one " + message.severity() + " of " + message + " expected; " + all);
    assertMatches(message, ours.get(0));
    assertTrue(ours.get(0).contains(text), "'" + text + "' expected in " + ours.get(0));
    if (error) {
      assertThat(c).hadErrorContaining(text).inFile(src).onLineContaining(line);
    } else {
      assertThat(c).hadWarningContaining(text).inFile(src).onLineContaining(line);
    }
  }

  /** Fails unless {@code text} is a text of {@code message}. */
  static void assertMatches(Message message, String text) {
    assertTrue(message.pattern().matcher(text).matches(), "a text of " + message + " expected: " + text);
  }

  static List<String> texts(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream().map(d -> d.getMessage(null)).collect(Collectors.toList());
  }

  private static List<String> tagged(List<String> texts) {
    return texts.stream().filter(t -> t.startsWith("[cnn:")).toList();
  }
}
