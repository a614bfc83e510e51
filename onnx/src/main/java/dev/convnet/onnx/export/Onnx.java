package dev.convnet.onnx.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.convnet.onnx.AtomicFiles;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exports a compiled network with its current parameters (and batch-norm running statistics) to an ONNX model for
 * inference, opset {@value #OPSET}: input {@code [N, C, H, W]} with a symbolic batch {@code N}, output
 * {@code [N, units]} (or {@code [N, C, H, W]} for a map).
 *
 * <p>Each layer maps to the ONNX operator of the same semantics — Conv (stride, pads, dilations, group),
 * ConvTranspose (output_padding), MaxPool, AveragePool (padded zeros counted, as here), LpPool (p = 2), Flatten +
 * Gemm, Relu/LeakyRelu/Sigmoid/Tanh/Softmax, Add/Sum, Concat, BatchNormalization (running statistics), Dropout
 * (inference: identity), LRN, GlobalAveragePool — and the forms ONNX lacks become small subgraphs: a
 * connection-table convolution is a full Conv whose unconnected kernels are zero, trainable subsampling is
 * AveragePool·Mul·Add per channel, LeCun's scaled tanh Mul·Tanh·Mul, the RBF output Reshape·Sub·Mul·ReduceSum
 * (its squared distances), ceil-mode pooling explicit end padding. Every tensor a layer ends with is named after the
 * layer, and each main node carries the layer's canonical line as its doc string.
 */
public final class Onnx {
  /** The ONNX operator set the export uses. */
  public static final int OPSET = 17;
  /** ONNX IR version 8 (ONNX 1.13+, the IR of opset 17). */
  public static final int IR_VERSION = 8;
  public static final String PRODUCER = "convnet-compiler";

  private Onnx() {}

  /** The network as an ONNX model. */
  public static ModelProto toModel(CompiledNetwork net) {
    List<LayerSpec> layers = net.architecture();
    GraphBuilder g = new GraphBuilder(net.name());
    LayerExporter exporter = new LayerExporter(g, net);
    for (LayerSpec spec : layers) {
      exporter.export(spec);
    }
    LayerSpec last = output(layers);
    Shape shape = net.outputShape();
    String out = last.name();
    if (shape.vector() && exporter.rank(out) != 2) {
      String flat = g.fresh(out + "/flat");
      g.node("Flatten", flat, out).integer("axis", 1);
      out = flat;
    }
    if (shape.vector()) {
      g.output(out, shape.channels());
    } else {
      g.output(out, shape.channels(), shape.height(), shape.width());
    }
    return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(PRODUCER).setProducerVersion("0.1.0")
        .setDocString("network " + net.name() + ", exported by " + PRODUCER)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey("convnet.network").setValue(net.name()))
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey("convnet.fingerprint")
            .setValue(net.fingerprint()))
        .setGraph(g.build()).build();
  }

  /** Writes the network's ONNX model to {@code file}, replacing it atomically (no partial file on failure). */
  public static void export(CompiledNetwork net, Path file) throws IOException {
    ModelProto model = toModel(net);
    AtomicFiles.write(file, model::writeTo);
  }

  /** The output layer: the one layer no other reads (the last such, in declaration order). */
  private static LayerSpec output(List<LayerSpec> layers) {
    Set<String> read = new HashSet<>();
    for (LayerSpec l : layers) {
      read.addAll(l.inputs());
    }
    LayerSpec out = null;
    for (LayerSpec l : layers) {
      if (!read.contains(l.name())) {
        out = l;
      }
    }
    return out;
  }
}
