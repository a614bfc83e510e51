package dev.convnet.processor.golden;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.convnet.processor.NetworkProcessor;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A float32 class gets its layers' Vector API variant (the inner class {@code VectorVariant}) exactly when the
 * compilation reads {@code jdk.incubator.vector}: without the module the source never names it and compiles with no
 * warning; with it, every layer whose Vector API code differs hands its passes to the variant when one was made, and
 * only the inner class names the module's types. The float64 twin and {@code vectorApi = true} classes get none.
 */
class VectorVariantTest {
  private static final String NET = "package v;\n\n"
      + "import dev.convnet.annotations.*;\n\n"
      + "@Network(precision = {Precision.FLOAT32, Precision.FLOAT64}%s)\n"
      + "public interface Small {\n"
      + "  @Input(channels = 1, height = 12, width = 12) Tensor input();\n"
      + "  @Conv(filters = 6, kernel = 5, activation = Activation.TANH) Tensor c1(Tensor input);\n"
      + "  @MaxPool(window = 2) Tensor s2(Tensor c1);\n"
      + "  @Output @Dense(units = 10) Tensor out(Tensor s2);\n"
      + "}\n";

  private static Compilation compile(String options, boolean module) {
    Compiler javac = Compiler.javac().withProcessors(new NetworkProcessor());
    if (module) {
      javac = javac.withOptions("--add-modules", "jdk.incubator.vector");
    }
    return javac.compile(JavaFileObjects.forSourceString("v.Small", String.format(NET, options)));
  }

  /** The generated float32 class of a compilation that succeeded. */
  private static String succeeded(Compilation c) throws IOException {
    assertThat(c).succeeded();
    return source(c, "SmallNet");
  }

  private static String source(Compilation c, String name) throws IOException {
    return c.generatedSourceFile("v." + name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void withoutTheModuleTheClassIsPlainAndNamesNoIncubatingType() throws IOException {
    Compilation c = compile("", false);
    assertThat(c).succeededWithoutWarnings();
    String s = source(c, "SmallNet");
    assertFalse(s.contains("VectorVariant"), "no variant without the module");
    assertFalse(s.contains("jdk.incubator.vector"), "the class names the incubating module");
  }

  @Test
  void withTheModuleTheLayersThatDifferGetAVariantInTheInnerClassOnly() throws IOException {
    Compilation c = compile("", true);
    String s = succeeded(c);
    int inner = s.indexOf("private final class VectorVariant {");
    assertTrue(inner > 0, "no inner class VectorVariant");
    String outer = s.substring(s.indexOf("public final class SmallNet"), inner); // imports aside: compile time only
    Matcher named = Pattern.compile("FloatVector|VectorSpecies|SPECIES").matcher(outer);
    assertFalse(named.find(), "the enclosing class names a Vector API type before the inner class: "
        + (named.hitEnd() ? "" : outer.substring(Math.max(0, named.start() - 200), named.end())));
    assertTrue(s.contains("private static final boolean VECTOR_VARIANT = Vectorization.enabled();"), s);
    for (String layer : new String[] {"c1Forward", "c1Backward", "outForward", "outBackward"}) {
      assertTrue(outer.contains("vectorVariant." + layer + "(n);"), layer + " does not hand over to the variant");
      assertTrue(s.substring(inner).contains("private void " + layer + "(int n)"), "the variant lacks " + layer);
    }
    assertFalse(outer.contains("vectorVariant.s2Forward"), "max pooling has no Vector API form: no variant");
    Matcher m = Pattern.compile("FloatVector\\.SPECIES_PREFERRED").matcher(s);
    assertTrue(m.find() && m.start() > inner, "the species constant lives in the inner class");
    assertFalse(source(c, "SmallNet64").contains("VectorVariant"), "the float64 twin has no variant");
  }

  @Test
  void aClassAllVectorApiAlreadyGetsNoVariant() throws IOException {
    String s = succeeded(compile(", vectorApi = true", true));
    assertFalse(s.contains("VectorVariant"), "vectorApi = true: the class's own code is the Vector API code");
    assertEquals(1, s.split("SPECIES_PREFERRED", -1).length - 1, "one species constant");
  }
}
