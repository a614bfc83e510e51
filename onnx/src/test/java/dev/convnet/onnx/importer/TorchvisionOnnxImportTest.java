package dev.convnet.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.convnet.onnx.Figures;
import dev.convnet.onnx.Javac;
import dev.convnet.onnx.Ort;
import dev.convnet.onnx.TorchFormula;
import dev.convnet.onnx.weights.NameMap;
import dev.convnet.onnx.weights.Safetensors;
import dev.convnet.onnx.weights.Weights;
import dev.convnet.runtime.CompiledNetwork;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's ResNet-18 as {@code torch.onnx.export} writes it (the committed graph, {@code resnet18-graph.onnx},
 * without its 45 MB of initializer data), its initializers refilled from the script's weight formula with each batch
 * norm folded into the convolution before it as PyTorch folds them: imported, compiled and loaded, it gives
 * torchvision's outputs.
 */
class TorchvisionOnnxImportTest {
  private static final Figures TABLE = new Figures("onnx-torchvision-onnx", "| check | max relative error |");
  private static final Path DATA = Path.of("src/test/resources/pytorch");

  @TempDir
  Path dir;

  @Test
  void torchvisionResNet18GivesTorchvisionOutputs() throws Exception {
    ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(DATA.resolve("resnet18-graph.onnx")))
        .toBuilder();
    Map<String, int[]> dims = strippedInitializers(model.build());
    Map<String, float[]> values = new HashMap<>();
    for (NodeProto n : model.getGraph().getNodeList()) {
      if (n.getOpType().equals("Conv")) {
        fold(module(n.getName()), dims.get(n.getInput(1)), n.getInput(1), n.getInput(2), values);
      }
    }
    for (String fc : List.of("fc.weight", "fc.bias")) {
      values.put(fc, TorchFormula.values(fc, dims.get(fc)));
    }
    assertEquals(dims.keySet(), values.keySet());
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      ByteBuffer b = ByteBuffer.allocate(e.getValue().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(e.getValue());
      TensorProto.Builder t = TensorProto.newBuilder().setName(e.getKey())
          .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array()));
      Arrays.stream(dims.get(e.getKey())).forEach(t::addDims);
      model.getGraphBuilder().addInitializer(t);
    }
    Path onnx = Files.write(dir.resolve("resnet18.onnx"), model.build().toByteArray());

    List<Path> written = OnnxImport.run(onnx, "imported", "TorchResNet18", dir, false);
    String source = Files.readString(written.get(0));
    CompiledNetwork net = (CompiledNetwork) Javac.compile("imported.TorchResNet18", source,
        "imported.TorchResNet18Net").getConstructor().newInstance();
    Weights.load(net, written.get(1), NameMap.SAME);
    net.setTraining(false);
    assertEquals(11_684_712, net.parameterCount(), "ResNet-18's 11,689,512 less its 4,800 folded batch-norm values");
    Safetensors.Contents io = Safetensors.read(DATA.resolve("resnet18-io.safetensors"));
    float[] expected = io.tensors().get("output").floats();
    float[] y = Arrays.copyOf(net.forward(io.tensors().get("input").floats(), 2), expected.length);
    double error = Ort.relativeError(y, expected);
    TABLE.row(String.format(java.util.Locale.ROOT, "| torchvision ResNet-18 ONNX imported | %.1e |", error));
    assertTrue(error <= 1e-4, "differs from torchvision by " + error);
  }

  private static Map<String, int[]> strippedInitializers(ModelProto model) {
    for (StringStringEntryProto e : model.getMetadataPropsList()) {
      if (e.getKey().equals("stripped_initializers")) {
        Map<String, int[]> out = new HashMap<>();
        Matcher m = Pattern.compile("\\[\"([^\"]+)\", \\[([0-9, ]*)\\]\\]").matcher(e.getValue());
        while (m.find()) {
          out.put(m.group(1), Arrays.stream(m.group(2).split(", ")).mapToInt(Integer::parseInt).toArray());
        }
        return out;
      }
    }
    throw new AssertionError("no stripped_initializers metadata");
  }

  /** The module path of a node: {@code /layer2/layer2.0/downsample/downsample.0/Conv} → {@code layer2.0.downsample.0}. */
  private static String module(String node) {
    List<String> path = new ArrayList<>();
    String[] parts = node.substring(1).split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (!path.isEmpty() && parts[i].startsWith(path.get(path.size() - 1) + ".")) {
        path.set(path.size() - 1, parts[i]);
      } else {
        path.add(parts[i]);
      }
    }
    return String.join(".", path);
  }

  /** PyTorch's conv–batch-norm folding: W·γ/√(σ²+ε) per output map, bias β − μ·γ/√(σ²+ε). */
  private static void fold(String conv, int[] shape, String weightName, String biasName, Map<String, float[]> into) {
    String bn = conv.endsWith("downsample.0") ? conv.replace("downsample.0", "downsample.1")
        : conv.replaceAll("conv(\\d)$", "bn$1");
    int maps = shape[0];
    float[] w = TorchFormula.values(conv + ".weight", shape);
    float[] gamma = TorchFormula.values(bn + ".weight", new int[] {maps});
    float[] beta = TorchFormula.values(bn + ".bias", new int[] {maps});
    float[] mean = TorchFormula.values(bn + ".running_mean", new int[] {maps});
    float[] var = TorchFormula.values(bn + ".running_var", new int[] {maps});
    float[] bias = new float[maps];
    int per = w.length / maps;
    for (int o = 0; o < maps; o++) {
      float scale = (float) (gamma[o] / Math.sqrt(var[o] + 1e-5));
      for (int i = 0; i < per; i++) {
        w[o * per + i] *= scale;
      }
      bias[o] = beta[o] - mean[o] * scale;
    }
    into.put(weightName, w);
    into.put(biasName, bias);
  }
}
