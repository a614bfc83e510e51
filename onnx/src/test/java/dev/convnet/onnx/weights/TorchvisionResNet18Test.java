package dev.convnet.onnx.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.ResNet18Net;
import dev.convnet.onnx.Figures;
import dev.convnet.onnx.Ort;
import dev.convnet.onnx.TorchFormula;
import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.ParamSlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torchvision ResNet-18 state dict, in torchvision's names and with its {@code num_batches_tracked} counters, saved
 * as safetensors, loads into the zoo's {@code ResNet18} through {@link NameMap#TORCHVISION} and gives torchvision's
 * outputs (the weights are the script's formula, PyTorch's outputs are committed).
 */
class TorchvisionResNet18Test {
  static final Figures TABLE = new Figures("onnx-torchvision", "| check | max relative error |");
  @TempDir
  Path dir;

  @Test
  void torchvisionStateDictGivesTorchvisionOutputs() throws Exception {
    ResNet18Net net = new ResNet18Net();
    List<SafeTensor> stateDict = new ArrayList<>();
    for (ParamSlot s : net.layout().slots()) {
      String name = NameMap.TORCHVISION.toFile(s.name());
      stateDict.add(SafeTensor.f32(name, s.shape(), TorchFormula.values(name, s.shape())));
    }
    for (BufferSlot s : net.layout().buffers()) {
      String name = NameMap.TORCHVISION.toFile(s.name());
      stateDict.add(SafeTensor.f32(name, s.shape(), TorchFormula.values(name, s.shape())));
      if (name.endsWith("running_var")) {
        stateDict.add(SafeTensor.i64(name.replace("running_var", "num_batches_tracked"), new int[0], new long[1]));
      }
    }
    Path file = dir.resolve("resnet18.safetensors");
    Safetensors.write(file, stateDict, Map.of("format", "pt"));

    Weights.load(net, file, NameMap.TORCHVISION);
    net.setTraining(false);
    Safetensors.Contents io = Safetensors.read(Path.of("src/test/resources/pytorch/resnet18-io.safetensors"));
    float[] x = io.tensors().get("input").floats();
    float[] expected = io.tensors().get("output").floats();
    float[] y = Arrays.copyOf(net.forward(x, 2), expected.length);
    double error = Ort.relativeError(y, expected);
    TABLE.row(String.format(java.util.Locale.ROOT, "| torchvision ResNet-18 state dict (safetensors) into `ResNet18` | "
        + "%.1e |", error));
    assertTrue(error <= 1e-4, "ResNet-18 differs from torchvision by " + error);

    Path saved = dir.resolve("saved.safetensors");
    Weights.save(net, saved, NameMap.TORCHVISION);
    Safetensors.Contents back = Safetensors.read(saved);
    assertEquals(net.layout().slots().size() + net.layout().buffers().size(), back.tensors().size());
    assertArrayEquals(new int[] {64, 64, 3, 3}, back.tensors().get("layer1.1.conv2.weight").shape());
    assertArrayEquals(TorchFormula.values("layer2.0.downsample.1.running_mean", new int[] {128}),
        back.tensors().get("layer2.0.downsample.1.running_mean").floats());
  }

  @Test
  void torchvisionNamesMapBothWays() {
    assertEquals("layer2.0.conv1.weight", NameMap.TORCHVISION.toFile("layer2a_conv1.weight"));
    assertEquals("layer4.1.bn2.running_var", NameMap.TORCHVISION.toFile("layer4b_bn2.running_var"));
    assertEquals("layer3.0.downsample.0.weight", NameMap.TORCHVISION.toFile("layer3a_downsample.weight"));
    assertEquals("layer3.0.downsample.1.bias", NameMap.TORCHVISION.toFile("layer3a_downsampleBn.bias"));
    assertEquals("bn1.running_mean", NameMap.TORCHVISION.toFile("bn1.running_mean"));
    assertEquals("fc.weight", NameMap.TORCHVISION.toFile("fc.weight"));
  }

  @Test
  void pythonWrittenSafetensorsRead() throws Exception {
    Safetensors.Contents c = Safetensors.read(Path.of("src/test/resources/pytorch/resnet20.safetensors"));
    SafeTensor w = c.tensors().get("layers.3.shortcut.0.weight");
    assertArrayEquals(new int[] {32, 16, 1, 1}, w.shape());
    assertArrayEquals(TorchFormula.values(w.name(), w.shape()), w.floats());
    assertEquals(DType.I64, c.tensors().get("bn1.num_batches_tracked").dtype());
    assertArrayEquals(TorchFormula.values("layers.8.bn2.running_var", new int[] {64}),
        c.tensors().get("layers.8.bn2.running_var").floats());
  }
}
