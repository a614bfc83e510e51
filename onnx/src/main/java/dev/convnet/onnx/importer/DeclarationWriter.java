package dev.convnet.onnx.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Writes imported layers as the source of an annotated network interface, one method per layer. */
final class DeclarationWriter {
  private DeclarationWriter() {}

  static String source(String pkg, String name, List<ImportedLayer> layers, String origin, String weightsFile) {
    Set<String> imports = new TreeSet<>();
    imports.add("dev.convnet.annotations.Network");
    imports.add("dev.convnet.annotations.Tensor");
    imports.add("dev.convnet.annotations.Output");
    boolean activations = false;
    for (ImportedLayer l : layers) {
      imports.add("dev.convnet.annotations." + l.annotation);
      activations |= l.values.containsKey("activation") || l.annotation.equals("Activate");
      if (l.values.containsKey("edge")) {
        imports.add("dev.convnet.annotations.Edge");
      }
    }
    StringBuilder b = new StringBuilder();
    if (!pkg.isEmpty()) {
      b.append("package ").append(pkg).append(";\n\n");
    }
    for (String i : imports) {
      b.append("import ").append(i).append(";\n");
    }
    if (activations) {
      b.append("\nimport static dev.convnet.annotations.Activation.*;\n");
    }
    b.append("\n/**\n * Imported from ").append(origin).append(" by convnet import-onnx.\n *\n")
        .append(" * <p>Its parameters are in {@code ").append(weightsFile).append("} under the names below\n")
        .append(" * ({@code <layer>.weight}, …): load them with {@code Weights.load(net, Path.of(\"").append(weightsFile)
        .append("\"),\n * NameMap.SAME)} (convnet-onnx), then save a model file with {@code ModelFile.save}.\n */\n");
    b.append("@Network\npublic interface ").append(name).append(" {\n");
    String sep = "";
    for (ImportedLayer l : layers) {
      b.append(sep);
      sep = "\n";
      comment(b, l);
      if (l.output) {
        b.append("  @Output\n");
      }
      b.append("  @").append(l.annotation).append(arguments(l)).append('\n');
      List<String> params = new ArrayList<>();
      for (String in : l.inputs) {
        params.add("Tensor " + in);
      }
      b.append("  Tensor ").append(l.name).append('(').append(String.join(", ", params)).append(");\n");
    }
    return b.append("}\n").toString();
  }

  private static void comment(StringBuilder b, ImportedLayer l) {
    if (l.nodes.isEmpty() && l.params.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!l.nodes.isEmpty()) {
      parts.add("ONNX " + String.join(" + ", l.nodes));
    }
    for (ImportedLayer.Param p : l.params) {
      parts.add(l.name + "." + p.suffix() + " ← '" + p.source() + "'");
    }
    b.append("  // ").append(String.join("; ", parts).replaceAll("[\\r\\n\\\\]", " ")).append('\n');
  }

  private static String arguments(ImportedLayer l) {
    if (l.values.isEmpty()) {
      return "";
    }
    if (l.values.size() == 1 && l.values.containsKey("value")) {
      return "(" + l.values.get("value") + ")";
    }
    List<String> parts = new ArrayList<>();
    l.values.forEach((k, v) -> parts.add(k + " = " + v));
    return "(" + String.join(", ", parts) + ")";
  }
}
