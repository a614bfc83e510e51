package dev.convnet.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds an ONNX graph: float32 and int64 initializers, nodes with attributes, typed inputs and outputs. */
final class GraphBuilder {
  /** The symbolic batch dimension of the graph's input and output. */
  static final String BATCH = "N";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();

  GraphBuilder(String name) {
    graph.setName(name);
  }

  /** {@code wanted} if no tensor has that name yet, else it with the first free suffix {@code _2}, {@code _3}, …. */
  String fresh(String wanted) {
    String name = wanted;
    for (int i = 2; !names.add(name); i++) {
      name = wanted + "_" + i;
    }
    return name;
  }

  /** A float32 initializer; returns its (fresh) name. */
  String floats(String wanted, int[] dims, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return initializer(wanted, dims, TensorProto.DataType.FLOAT, ByteString.copyFrom(b.array()));
  }

  /** A float32 scalar initializer. */
  String scalar(String wanted, float value) {
    return floats(wanted, new int[0], new float[] {value});
  }

  /** An int64 vector initializer (shapes, axes, pads). */
  String longs(String wanted, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return initializer(wanted, new int[] {values.length}, TensorProto.DataType.INT64, ByteString.copyFrom(b.array()));
  }

  private String initializer(String wanted, int[] dims, TensorProto.DataType type, ByteString raw) {
    String name = fresh(wanted);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber()).setRawData(raw);
    for (int d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Adds a node; returns a builder for its attributes. Its single output is {@code output}. */
  Node node(String op, String output, String... inputs) {
    NodeProto.Builder n = graph.addNodeBuilder().setOpType(op).setName(output + "/" + op).addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    return new Node(n);
  }

  /** A graph input or output of type float32 with the batch dimension symbolic: {@code [N, dims...]}. */
  void input(String name, int... dims) {
    graph.addInput(value(name, dims));
  }

  void output(String name, int... dims) {
    graph.addOutput(value(name, dims));
  }

  private static ValueInfoProto value(String name, int[] dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDimBuilder().setDimParam(BATCH);
    for (int d : dims) {
      shape.addDimBuilder().setDimValue(d);
    }
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }

  GraphProto build() {
    return graph.build();
  }

  /** Sets a node's attributes. */
  static final class Node {
    private final NodeProto.Builder node;

    Node(NodeProto.Builder node) {
      this.node = node;
    }

    Node ints(String name, long... values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      node.addAttribute(a);
      return this;
    }

    Node ints(String name, List<Integer> values) {
      return ints(name, values.stream().mapToLong(Integer::longValue).toArray());
    }

    Node integer(String name, long value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
          .setI(value));
      return this;
    }

    Node real(String name, double value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
          .setF((float) value));
      return this;
    }

    /** A human-readable note on the node (the layer it implements). */
    Node doc(String text) {
      node.setDocString(text);
      return this;
    }
  }
}
