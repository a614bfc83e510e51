package dev.convnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.convnet.processor.diag.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The seed's AlexNet (Krizhevsky 2012) declared at the paper's 224×224: its 11×11/4 first convolution leaves the
 * last input row and column unread, which the processor reports as a warning on {@code stride} while still generating
 * the network. The 54×54, 26×26 and 12×12 maps that follow are even, so each 3×3/2 max pool then drops a row and a
 * column as well: four warnings, each {@link Message#STRIDE_DROPS}. At 227×227 every window tiles its input and the
 * same declaration compiles without a warning.
 */
class AlexNetStrideWarningTest {
  private static String alexNet(int size) {
    return "@Network public interface AlexNet {\n"
        + "  @Input(channels = 3, height = " + size + ", width = " + size + ") Tensor image();\n"
        + "  @Conv(filters = 96, kernel = 11, stride = 4, activation = RELU) Tensor conv1(Tensor image);\n"
        + "  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2) Tensor norm1(Tensor conv1);\n"
        + "  @MaxPool(window = 3, stride = 2) Tensor pool1(Tensor norm1);\n"
        + "  @Conv(filters = 256, kernel = 5, pad = 2, activation = RELU) Tensor conv2(Tensor pool1);\n"
        + "  @LocalResponseNorm(size = 5, alpha = 1e-4, beta = 0.75, k = 2) Tensor norm2(Tensor conv2);\n"
        + "  @MaxPool(window = 3, stride = 2) Tensor pool2(Tensor norm2);\n"
        + "  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU) Tensor conv3(Tensor pool2);\n"
        + "  @Conv(filters = 384, kernel = 3, pad = 1, activation = RELU) Tensor conv4(Tensor conv3);\n"
        + "  @Conv(filters = 256, kernel = 3, pad = 1, activation = RELU) Tensor conv5(Tensor conv4);\n"
        + "  @MaxPool(window = 3, stride = 2) Tensor pool5(Tensor conv5);\n"
        + "  @Dense(units = 4096, activation = RELU) Tensor fc6(Tensor pool5);\n"
        + "  @Dropout Tensor drop6(Tensor fc6);\n"
        + "  @Dense(units = 4096, activation = RELU) Tensor fc7(Tensor drop6);\n"
        + "  @Dropout Tensor drop7(Tensor fc7);\n"
        + "  @Output @Dense(units = 1000) Tensor fc8(Tensor drop7);\n"
        + "}\n";
  }

  @Test
  void at224TheFirstConvolutionAndEveryPoolDropARowAndAColumn() {
    JavaFileObject src = DiagnosticsTest.source("AlexNet", alexNet(224));
    Compilation c = DiagnosticsTest.compile(src);
    assertThat(c).succeeded();
    List<String> warnings = DiagnosticCase.texts(c.warnings());
    assertEquals(4, warnings.size(), warnings.toString());
    warnings.forEach(w -> DiagnosticCase.assertMatches(Message.STRIDE_DROPS, w));
    assertThat(c).hadWarningContaining("[cnn:stride] layer 'conv1' (@Conv): with stride 4 over the 3×224×224 input "
        + "from 'image', the last row and column of the input are never read").inFile(src)
        .onLineContaining("stride = 4");
    String[][] pools = {
        {"pool1", "96×54×54", "norm1"}, {"pool2", "256×26×26", "norm2"}, {"pool5", "256×12×12", "conv5"}};
    for (String[] p : pools) {
      assertThat(c).hadWarningContaining("[cnn:stride] layer '" + p[0] + "' (@MaxPool): with stride 2 over the " + p[1]
          + " input from '" + p[2] + "', the last row and column of the input are never read").inFile(src)
          .onLineContaining("Tensor " + p[0] + "(");
    }
    assertThat(c).generatedSourceFile("test.AlexNetNet");
  }

  @Test
  void at227TheWindowsTileTheInput() {
    Compilation c = DiagnosticsTest.compile(DiagnosticsTest.source("AlexNet", alexNet(227)));
    assertThat(c).succeededWithoutWarnings();
  }
}
