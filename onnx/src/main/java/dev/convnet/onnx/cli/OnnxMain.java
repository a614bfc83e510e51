package dev.convnet.onnx.cli;

import dev.convnet.onnx.export.Onnx;
import dev.convnet.onnx.importer.OnnxImport;
import dev.convnet.onnx.weights.NameMap;
import dev.convnet.onnx.weights.Weights;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.io.ModelFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@code convnet} interoperability commands: ONNX import and export, and conversion between model files and
 * safetensors weights (in the declaration's names or torchvision's).
 */
public final class OnnxMain {
  static final String USAGE = """
      usage: java -cp convnet-onnx.jar[:NETWORKS.jar] dev.convnet.onnx.cli.OnnxMain COMMAND ...
        import-onnx MODEL.onnx --package P --name NAME [--out DIR] [--force]
            write DIR/P/NAME.java (an annotated network interface, one method per layer) and DIR/NAME.safetensors
            (its parameters by name); compile the interface with the processor, then load the weights by name
        export --network CLASS [--model FILE.model | --weights FILE.safetensors [--names torchvision]] --out FILE.onnx
            export a compiled network (CLASS: the generated class, e.g. dev.convnet.examples.LeNet5Net) with the
            parameters of a model file or safetensors file (or its fresh ones) to ONNX (opset 17)
        weights --network CLASS --model FILE.model --out FILE.safetensors [--names torchvision]
            a model file's parameters and batch-norm statistics as safetensors
        model --network CLASS --weights FILE.safetensors --out FILE.model [--names torchvision]
            safetensors weights (e.g. written by import-onnx, or a torchvision state dict) as a model file
      --names torchvision: torchvision's tensor names (layer2.0.conv1.weight for layer2a_conv1.weight)""";

  private OnnxMain() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** Runs a command; returns the exit status (0 done, 1 failed, 2 bad command line). */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      switch (args.get(0)) {
        case "import-onnx" -> importOnnx(rest, out);
        case "export" -> export(rest, out);
        case "weights" -> weights(rest, out);
        case "model" -> model(rest, out);
        default -> throw new UsageException("unknown command '" + args.get(0)
            + "'; commands: import-onnx, export, weights, model (--help)");
      }
      return 0;
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static void importOnnx(List<String> args, PrintStream out) throws UsageException, IOException {
    Arguments a = new Arguments(args, Set.of("--package", "--name", "--out"), Set.of("--force"));
    if (a.positional.size() != 1) {
      throw new UsageException("import-onnx takes one ONNX file, got " + a.positional);
    }
    List<Path> written = OnnxImport.run(Path.of(a.positional.get(0)), a.get("--package", ""), a.required("--name"),
        Path.of(a.get("--out", ".")), a.flag("--force"));
    out.println("wrote " + written.get(0) + " and " + written.get(1));
  }

  private static void export(List<String> args, PrintStream out) throws UsageException, IOException {
    Arguments a = new Arguments(args, Set.of("--network", "--model", "--weights", "--names", "--out"), Set.of());
    CompiledNetwork net = network(a.required("--network"));
    if (a.has("--model") && a.has("--weights")) {
      throw new UsageException("give --model or --weights, not both");
    }
    if (a.has("--model")) {
      ModelFile.load(net, a.path("--model"));
    } else if (a.has("--weights")) {
      Weights.load(net, a.path("--weights"), names(a));
    }
    net.setTraining(false);
    Path file = a.path("--out");
    Onnx.export(net, file);
    out.println("wrote " + file + " (" + net.name() + ", " + Files.size(file) + " bytes, ONNX opset " + Onnx.OPSET
        + ")");
  }

  private static void weights(List<String> args, PrintStream out) throws UsageException, IOException {
    Arguments a = new Arguments(args, Set.of("--network", "--model", "--names", "--out"), Set.of());
    CompiledNetwork net = network(a.required("--network"));
    ModelFile.load(net, a.path("--model"));
    Weights.save(net, a.path("--out"), names(a));
    out.println("wrote " + a.path("--out"));
  }

  private static void model(List<String> args, PrintStream out) throws UsageException, IOException {
    Arguments a = new Arguments(args, Set.of("--network", "--weights", "--names", "--out"), Set.of());
    CompiledNetwork net = network(a.required("--network"));
    Weights.load(net, a.path("--weights"), names(a));
    ModelFile.save(net, a.path("--out"));
    out.println("wrote " + a.path("--out"));
  }

  private static NameMap names(Arguments a) throws UsageException {
    return switch (a.get("--names", "declared")) {
      case "declared" -> NameMap.SAME;
      case "torchvision" -> NameMap.TORCHVISION;
      default -> throw new UsageException("--names is 'declared' (the default) or 'torchvision'");
    };
  }

  /** A new instance of the generated network class {@code name}. */
  static CompiledNetwork network(String name) throws UsageException {
    Class<?> type;
    try {
      type = Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new UsageException("no class " + name + " on the class path; give the generated class's full name "
          + "(e.g. dev.convnet.examples.LeNet5Net) and put its jar on the class path (-cp convnet-onnx.jar:YOURS.jar)");
    }
    if (!CompiledNetwork.class.isAssignableFrom(type)) {
      throw new UsageException(name + " is not a generated network (it does not implement CompiledNetwork)");
    }
    try {
      return (CompiledNetwork) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new UsageException("cannot create " + name + ": " + e);
    }
  }
}
