package dev.convnet.onnx.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.convnet.onnx.AtomicFiles;
import dev.convnet.onnx.weights.SafeTensor;
import dev.convnet.onnx.weights.Safetensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * Imports an ONNX CNN as an annotated network interface plus its weights: {@code Name.java} (one method per layer,
 * each commented with the ONNX nodes it replaces and the initializers its parameters come from) and
 * {@code Name.safetensors} (the parameters and batch-norm statistics under the declaration's names, in PyTorch
 * layouts). Compile the interface with the processor, then load the weights by name into the generated class
 * ({@link dev.convnet.onnx.weights.Weights#load}).
 */
public final class OnnxImport {
  private OnnxImport() {}

  /** The declaration and weights of an imported model, not yet written. */
  public record Imported(String pkg, String name, String source, List<SafeTensor> weights, int layers,
                         long parameters) {
    /** The file name the weights go to. */
    public String weightsFileName() {
      return name + ".safetensors";
    }
  }

  /** Reads and translates {@code onnxFile}; writes nothing. */
  public static Imported translate(Path onnxFile, String pkg, String name) throws IOException {
    checkNames(pkg, name);
    ModelProto model = OnnxFile.read(onnxFile);
    List<ImportedLayer> layers = GraphImporter.layers(model);
    String producer = model.getProducerName().isEmpty() ? "" : ", made by " + model.getProducerName()
        + (model.getProducerVersion().isEmpty() ? "" : " " + model.getProducerVersion());
    String origin = "{@code " + onnxFile.getFileName() + "} (ONNX opset " + OnnxFile.opset(model) + producer + ")";
    List<SafeTensor> weights = new ArrayList<>();
    long count = 0;
    for (ImportedLayer l : layers) {
      for (ImportedLayer.Param p : l.params) {
        weights.add(SafeTensor.f32(l.name + "." + p.suffix(), p.dims(), p.values()));
        if (!p.suffix().startsWith("running_")) {
          count += p.values().length;
        }
      }
    }
    String source = DeclarationWriter.source(pkg, name, layers, origin, name + ".safetensors");
    return new Imported(pkg, name, source, weights, layers.size(), count);
  }

  /**
   * Imports {@code onnxFile}: writes {@code outDir/<package path>/Name.java} and {@code outDir/Name.safetensors}
   * together (both or neither). Existing files are replaced only with {@code overwrite}.
   *
   * @return the two paths written, source first
   */
  public static List<Path> run(Path onnxFile, String pkg, String name, Path outDir, boolean overwrite)
      throws IOException {
    Imported imported = translate(onnxFile, pkg, name);
    Path sourceDir = pkg.isEmpty() ? outDir : outDir.resolve(pkg.replace('.', '/'));
    Path source = sourceDir.resolve(name + ".java");
    Path weights = outDir.resolve(imported.weightsFileName());
    for (Path p : List.of(source, weights)) {
      if (Files.exists(p) && !overwrite) {
        throw new IOException(p + " exists; choose another --out or --name, or pass --force to replace it");
      }
    }
    Files.createDirectories(sourceDir);
    Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
    files.put(source, out -> out.write(imported.source().getBytes(StandardCharsets.UTF_8)));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("convnet.network", name);
    metadata.put("convnet.source", onnxFile.getFileName().toString());
    files.put(weights, Safetensors.content(imported.weights(), metadata));
    AtomicFiles.writeAll(files);
    return List.of(source, weights);
  }

  private static void checkNames(String pkg, String name) {
    if (!SourceVersion.isName(name) || name.contains(".")) {
      throw new IllegalArgumentException("--name '" + name + "' is not a Java class name");
    }
    if (!pkg.isEmpty() && !SourceVersion.isName(pkg)) {
      throw new IllegalArgumentException("--package '" + pkg + "' is not a Java package name");
    }
  }
}
