package dev.convnet.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.processor.NetworkProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing with invalid declarations (every mistake {@link InvalidGenerator} knows, in random valid networks), several
 * per javac run next to a valid sibling. Properties: the processor never crashes nor reports an internal error;
 * every invalid declaration gets exactly one error, pointing into that declaration, of one of the {@code Message}s
 * its mistake may produce (every error is tagged {@code [cnn:...]}); the valid sibling still gets its class.
 *
 * <p>Normal runs: a fixed seed and {@value #DEFAULT_COUNT} declarations; long runs:
 * {@code -Dfuzz.invalid.count=20000 -Dfuzz.seed=7}.
 */
class InvalidFuzzTest {
  static final int DEFAULT_COUNT = 400;
  private static final int PER_COMPILATION = 20;

  @Test
  void everyInvalidDeclarationGetsExactlyOneErrorOfItsMessageAndNothingCrashes() throws IOException {
    long seed = Long.getLong("fuzz.seed", DifferentialFuzzTest.DEFAULT_SEED);
    int count = Integer.getInteger("fuzz.invalid.count", DEFAULT_COUNT);
    SplittableRandom random = new SplittableRandom(seed);
    InvalidGenerator generator = new InvalidGenerator(random);
    NetGenerator valid = new NetGenerator(random);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int first = 0; first < count && failures.size() < 10; first += PER_COMPILATION) {
      List<InvalidGenerator.Case> cases = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + PER_COMPILATION); i++) {
        // every kind of mistake in turn, each in a fresh random network
        cases.add(generator.next("Bad" + i, i % generator.mistakes()));
      }
      NetSpec sibling = valid.valid("Good" + first);
      failures.addAll(check(cases, sibling));
    }
    System.out.printf("invalid fuzzing: %d declarations (seed %d) in %.1f s, %d failures%n", count, seed,
        (System.nanoTime() - start) / 1e9, failures.size());
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }

  /** Compiles {@code cases} and the valid {@code sibling} in one javac run; returns the broken properties. */
  static List<String> check(List<InvalidGenerator.Case> cases, NetSpec sibling) throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (InvalidGenerator.Case c : cases) {
      sources.add(Compiled.source(NetSpec.PACKAGE + "." + c.name(), c.source()));
    }
    if (sibling != null) {
      sources.add(Compiled.source(sibling.qualifiedName(), sibling.source()));
    }
    Path dir = Files.createTempDirectory("fuzz-invalid");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> failures = new ArrayList<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("-proc:only", "--add-modules", "jdk.incubator.vector", "-s", dir.toString(), "-classpath",
              System.getProperty("java.class.path")),
          null, sources);
      task.setProcessors(List.of(new NetworkProcessor()));
      task.call();
    } catch (RuntimeException e) {
      failures.add("javac crashed on this batch: " + e + "\n" + sourcesOf(cases));
      return failures;
    }
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.contains("[cnn:internal]")) {
        failures.add("internal error: " + message + "\n" + sourceOf(d, cases));
      } else if (d.getKind() == Diagnostic.Kind.ERROR && (d.getSource() == null || !message.startsWith("[cnn:"))) {
        failures.add("untagged error: " + (d.getSource() == null ? "?" : d.getSource().getName()) + ":"
            + d.getLineNumber() + ": " + message + "\n" + sourceOf(d, cases));
      }
    }
    for (int i = 0; i < cases.size(); i++) {
      String problem = oneExpectedError(cases.get(i), sources.get(i), diagnostics.getDiagnostics());
      if (problem != null) {
        failures.add(problem + "; its diagnostics: " + diagnosticsOf(diagnostics, sources.get(i))
            + "\n--- declaration:\n" + cases.get(i).source());
      }
    }
    if (sibling != null && !Files.exists(dir.resolve(NetSpec.PACKAGE).resolve(sibling.name + "Net.java"))) {
      failures.add("the valid sibling " + sibling.name + " was not generated; errors: "
          + diagnosticsOf(diagnostics, sources.get(sources.size() - 1)) + "\n" + sibling.source());
    }
    return failures;
  }

  /**
   * Why {@code c} did not get exactly one error, inside its declaration (from its {@code @Network} line on), of one
   * of the messages its mistake may produce; null when it did.
   */
  private static String oneExpectedError(InvalidGenerator.Case c, JavaFileObject file,
                                         List<Diagnostic<? extends JavaFileObject>> all) {
    String[] lines = c.source().split("\n", -1);
    int from = 1;
    while (from <= lines.length && !lines[from - 1].contains("@Network")) {
      from++;
    }
    List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : all) {
      if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null
          && d.getSource().toUri().equals(file.toUri())) {
        errors.add(d);
      }
    }
    String expected = "one error of " + c.messages() + " inside " + c.name() + " (" + c.mistake() + ")";
    if (errors.size() != 1) {
      return "expected " + expected + ", got " + errors.size();
    }
    Diagnostic<? extends JavaFileObject> d = errors.get(0);
    if (d.getLineNumber() < from || d.getLineNumber() > lines.length) {
      return "expected " + expected + ", got one on line " + d.getLineNumber();
    }
    String message = d.getMessage(Locale.ROOT);
    if (c.messages().stream().noneMatch(m -> m.pattern().matcher(message).matches())) {
      return "expected " + expected + ", got another message";
    }
    return null;
  }

  private static String diagnosticsOf(DiagnosticCollector<JavaFileObject> diagnostics, JavaFileObject file) {
    List<String> out = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getSource() != null && d.getSource().toUri().equals(file.toUri())) {
        out.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return out.toString();
  }

  private static String sourceOf(Diagnostic<? extends JavaFileObject> d, List<InvalidGenerator.Case> cases) {
    if (d.getSource() != null) {
      for (InvalidGenerator.Case c : cases) {
        if (d.getSource().getName().endsWith("/" + c.name() + ".java")) {
          return "--- declaration (" + c.mistake() + "):\n" + c.source();
        }
      }
    }
    return "";
  }

  private static String sourcesOf(List<InvalidGenerator.Case> cases) {
    StringBuilder b = new StringBuilder();
    for (InvalidGenerator.Case c : cases) {
      b.append("--- ").append(c.name()).append(" (").append(c.mistake()).append("):\n").append(c.source());
    }
    return b.toString();
  }
}
