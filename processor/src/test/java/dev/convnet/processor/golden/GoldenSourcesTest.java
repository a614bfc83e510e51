package dev.convnet.processor.golden;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.convnet.processor.NetworkProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sources of small networks, one per convolution strategy and layer family, compared whole with the
 * checked-in goldens in {@code src/test/resources/goldens}. A change to the generated code shows here as a diff to
 * review; after reviewing, regenerate the goldens with
 * {@code mvn -pl processor test -Dtest=GoldenSourcesTest -Dgolden.update=true}.
 */
class GoldenSourcesTest {
  private static final String HEADER = "package golden;\n\n"
      + "import dev.convnet.annotations.*;\n"
      + "import static dev.convnet.annotations.Activation.*;\n\n";

  static List<GoldenNetworks.Golden> goldens() {
    return GoldenNetworks.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void generatedSourceEqualsItsGolden(GoldenNetworks.Golden golden) throws IOException {
    JavaFileObject[] sources = golden.sources().entrySet().stream()
        .map(e -> JavaFileObjects.forSourceString("golden." + e.getKey(), HEADER + e.getValue()))
        .toArray(JavaFileObject[]::new);
    Compilation c = Compiler.javac().withProcessors(new NetworkProcessor())
        .withOptions("--add-modules", "jdk.incubator.vector").compile(sources);
    assertThat(c).succeeded();
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      // javac's note on reading an incubating module is not about the declaration
      assertTrue(d.getMessage(null).startsWith("using incubating module"), d.getMessage(null));
    }
    for (String generated : golden.generated()) {
      String actual = c.generatedSourceFile("golden." + generated).orElseThrow(() -> new AssertionError(
          "no generated " + generated)).getCharContent(true).toString();
      Path file = goldenDirectory().resolve(generated + ".java");
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        continue;
      }
      if (!Files.exists(file)) {
        fail("no golden " + file + "; create it with -Dgolden.update=true");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        assertEquals(expected, actual, generated + " differs from its golden " + file
            + "; review the diff, then regenerate with -Dgolden.update=true");
      }
      for (String line : actual.split("\n")) {
        assertTrue(line.length() <= 120, generated + " has a line over 120 characters: " + line);
      }
    }
  }

  /** {@code src/test/resources/goldens} of this module (Maven runs tests in the module's folder). */
  private static Path goldenDirectory() {
    return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/goldens");
  }
}
