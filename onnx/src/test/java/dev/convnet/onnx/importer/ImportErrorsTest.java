package dev.convnet.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ONNX input: each a clear error naming the problem, and nothing written. */
class ImportErrorsTest {
  private static final Path LENET = Path.of("src/test/resources/pytorch/lenet5.onnx");

  @TempDir
  Path dir;

  private String failure(Path onnx) throws IOException {
    Path out = Files.createTempDirectory(dir, "out");
    IOException e = assertThrows(IOException.class, () -> OnnxImport.run(onnx, "p", "Net", out, false));
    try (Stream<Path> left = Files.walk(out)) {
      assertEquals(List.of(out), left.toList(), "nothing may be written when the import fails");
    }
    return e.getMessage();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] whole = Files.readAllBytes(LENET);
    String m = failure(write("cut.onnx", Arrays.copyOf(whole, whole.length / 2)));
    assertTrue(m.contains("cut.onnx") && (m.contains("truncated") || m.contains("not an ONNX model")), m);
  }

  @Test
  void notAnOnnxFile() throws IOException {
    String m = failure(write("picture.onnx", "\u0089PNG\r\n\u001a\n this is not a model".getBytes()));
    assertTrue(m.contains("picture.onnx") && m.contains("not an ONNX model"), m);
    m = failure(write("empty.onnx", new byte[0]));
    assertTrue(m.contains("empty"), m);
    m = failure(dir.resolve("missing.onnx"));
    assertTrue(m.contains("no such ONNX file"), m);
  }

  @Test
  void unsupportedOperatorNamesTheNodeAndWhatIsSupported() throws IOException {
    ModelProto.Builder m = ModelProto.parseFrom(Files.readAllBytes(LENET)).toBuilder();
    NodeProto.Builder tanh = m.getGraphBuilder().getNodeBuilderList().stream()
        .filter(n -> n.getOpType().equals("Tanh")).findFirst().orElseThrow();
    tanh.setOpType("Erf");
    String msg = failure(write("erf.onnx", m.build().toByteArray()));
    assertTrue(msg.contains("'" + tanh.getName() + "' (Erf)") && msg.contains("operator Erf is not supported")
        && msg.contains("supported: Conv"), msg);
  }

  @Test
  void dynamicHeightAndWidth() throws IOException {
    ModelProto.Builder m = ModelProto.parseFrom(Files.readAllBytes(LENET)).toBuilder();
    m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
        .setDim(2, TensorShapeProto.Dimension.newBuilder().setDimParam("height"));
    String msg = failure(write("dynamic.onnx", m.build().toByteArray()));
    assertTrue(msg.contains("dynamic shapes") && msg.contains("'input'") && msg.contains("'height'"), msg);
  }

  @Test
  void missingWeightsNameTheTensor() throws IOException {
    ModelProto.Builder m = ModelProto.parseFrom(Files.readAllBytes(LENET)).toBuilder();
    m.getGraphBuilder().removeInitializer(2);
    String msg = failure(write("lost.onnx", m.build().toByteArray()));
    assertTrue(msg.contains("conv2.weight") && msg.contains("(Conv)"), msg);
  }

  @Test
  void existingFilesAreNotReplacedWithoutForce() throws IOException {
    Path out = Files.createDirectory(dir.resolve("kept"));
    Path old = Files.writeString(out.resolve("Net.safetensors"), "old");
    IOException e = assertThrows(IOException.class, () -> OnnxImport.run(LENET, "", "Net", out, false));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertEquals("old", Files.readString(old));
    assertEquals(2, OnnxImport.run(LENET, "", "Net", out, true).size());
  }

  @Test
  void badNames() {
    assertThrows(IllegalArgumentException.class, () -> OnnxImport.translate(LENET, "p", "class"));
    assertThrows(IllegalArgumentException.class, () -> OnnxImport.translate(LENET, "1p", "Net"));
  }
}
