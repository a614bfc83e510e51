package dev.convnet.processor.golden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The networks whose generated sources are kept as goldens: one per convolution strategy and layer family. */
final class GoldenNetworks {
  private GoldenNetworks() {}

  /** Source files (simple name → body after the imports) and the generated classes to compare. */
  record Golden(String name, Map<String, String> sources, List<String> generated) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Golden of(String name, String body) {
    return new Golden(name, Map.of(name, body), List.of(name + "Net"));
  }

  static final List<Golden> ALL = List.of(
      of("TapRows", """
          /** A stride-1 3×3 convolution on a small map: tap rows. */
          @Network
          public interface TapRows {
            @Input(channels = 2, height = 6, width = 6) Tensor input();
            @Conv(filters = 3, kernel = 3, pad = 1, activation = RELU) Tensor conv(Tensor input);
            @Output @Dense(units = 2) Tensor out(Tensor conv);
          }
          """),
      of("Blocked", """
          /** 16 → 32 maps, 3×3: the blocked Vector API kernels, with tap rows as the plain path. */
          @Network
          public interface Blocked {
            @Input(channels = 16, height = 5, width = 5) Tensor input();
            @Conv(filters = 32, kernel = 3, pad = 1, activation = RELU) Tensor conv(Tensor input);
            @Output @GlobalAvgPool Tensor out(Tensor conv);
          }
          """),
      of("BlockedPatch", """
          /** A 7×7 stride-2 stem on 3 maps into 16: the blocked kernels' patch (im2col) form, direct kernels plain. */
          @Network
          public interface BlockedPatch {
            @Input(channels = 3, height = 9, width = 9) Tensor input();
            @Conv(filters = 16, kernel = 7, stride = 2, pad = 3, bias = false) Tensor stem(Tensor input);
            @Output @GlobalAvgPool Tensor out(Tensor stem);
          }
          """),
      of("FourMaps", """
          /** Tap rows with the Vector API and four or more filters: four output maps per pass. */
          @Network(vectorApi = true)
          public interface FourMaps {
            @Input(channels = 2, height = 5, width = 5) Tensor input();
            @Conv(filters = 5, kernel = 3, activation = TANH) Tensor conv(Tensor input);
            @Output @Dense(units = 2) Tensor out(Tensor conv);
          }
          """),
      of("WideRows", """
          /** A stride-1 convolution whose tap rows would exceed their budget: wide rows. */
          @Network
          public interface WideRows {
            @Input(channels = 32, height = 64, width = 64) Tensor input();
            @Conv(filters = 2, kernel = 3, pad = 1) Tensor conv(Tensor input);
            @Output @GlobalAvgPool Tensor out(Tensor conv);
          }
          """),
      of("DirectStrided", """
          /** A stride-2 convolution: direct window kernels. */
          @Network
          public interface DirectStrided {
            @Input(channels = 1, height = 7, width = 7) Tensor input();
            @Conv(filters = 2, kernel = 3, stride = 2) Tensor conv(Tensor input);
            @Output @Dense(units = 2) Tensor out(Tensor conv);
          }
          """),
      of("DenseProduct", """
          /** A kernel covering its whole input, as LeNet-5's C5: a dense product. */
          @Network
          public interface DenseProduct {
            @Input(channels = 2, height = 4, width = 4) Tensor input();
            @Conv(filters = 3, kernel = 4, activation = TANH) Tensor conv(Tensor input);
            @Output @Dense(units = 2) Tensor out(Tensor conv);
          }
          """),
      of("ConnectionTable", """
          /** A convolution with a connection table (LeNet-5's C3 in small) and trainable subsampling. */
          @Network
          public interface ConnectionTable {
            @Input(channels = 1, height = 8, width = 8) Tensor input();
            @Conv(filters = 3, kernel = 3, activation = TANH) Tensor c1(Tensor input);
            @Subsampling(window = 2, activation = TANH) Tensor s2(Tensor c1);
            @Conv(filters = 2, kernel = 3, table = {"X.", "XX", ".X"}) Tensor c3(Tensor s2);
            @Output @Dense(units = 2) Tensor out(Tensor c3);
          }
          """),
      of("Groups", """
          /** A grouped convolution (AlexNet's towers) with max pooling. */
          @Network
          public interface Groups {
            @Input(channels = 4, height = 6, width = 6) Tensor input();
            @Conv(filters = 4, kernel = 3, groups = 2, activation = RELU) Tensor conv(Tensor input);
            @MaxPool(window = 2) Tensor pool(Tensor conv);
            @Output @Dense(units = 2) Tensor out(Tensor pool);
          }
          """),
      of("FixedKernels", """
          /** A convolution with fixed kernels (Sobel-X), never trained, and average pooling. */
          @Network
          public interface FixedKernels {
            @Input(channels = 1, height = 6, width = 6) Tensor input();
            @Conv(filters = 1, kernel = 3, weights = {-1, 0, 1, -2, 0, 2, -1, 0, 1}, bias = false) Tensor sobel(Tensor input);
            @Output @AvgPool(window = 2) Tensor out(Tensor sobel);
          }
          """),
      of("WithBatchNorm", """
          /** Batch normalization with ReLU after a convolution without bias. */
          @Network
          public interface WithBatchNorm {
            @Input(channels = 2, height = 4, width = 4) Tensor input();
            @Conv(filters = 2, kernel = 3, pad = 1, bias = false) Tensor conv(Tensor input);
            @BatchNorm(activation = RELU) Tensor bn(Tensor conv);
            @Output @GlobalAvgPool Tensor out(Tensor bn);
          }
          """),
      of("WithDropout", """
          /** Dropout between dense layers. */
          @Network
          public interface WithDropout {
            @Input(channels = 1, height = 2, width = 3) Tensor input();
            @Dense(units = 4, activation = RELU) Tensor hidden(Tensor input);
            @Dropout(rate = 0.25, seed = 7) Tensor drop(Tensor hidden);
            @Output @Dense(units = 2) Tensor out(Tensor drop);
          }
          """),
      new Golden("Residuals", orderedSources(
          "Residual", """
              /** A residual block: two convolutions and an identity shortcut. */
              public interface Residual {
                @Conv(filters = 1, kernel = 3, pad = 1, activation = RELU) Tensor conv1(Tensor x);
                @Conv(filters = 1, kernel = 3, pad = 1) Tensor conv2(Tensor conv1);
                @Output @Add(activation = RELU) Tensor out(Tensor conv2, Tensor x);
              }
              """,
          "Residuals", """
              /** A network using the residual block twice. */
              @Network
              public interface Residuals {
                @Input(channels = 2, height = 4, width = 4) Tensor input();
                @Block(value = Residual.class, width = 2) Tensor res1(Tensor input);
                @Block(value = Residual.class, width = 2) Tensor res2(Tensor res1);
                @Output @GlobalAvgPool Tensor out(Tensor res2);
              }
              """), List.of("ResidualsNet")),
      new Golden("Twin", Map.of("Twin", """
          /** A float32 network with its float64 twin. */
          @Network(precision = {Precision.FLOAT32, Precision.FLOAT64})
          public interface Twin {
            @Input(channels = 1, height = 4, width = 4) Tensor input();
            @Conv(filters = 2, kernel = 3, activation = SIGMOID) Tensor conv(Tensor input);
            @Output @Dense(units = 2, activation = SOFTMAX) Tensor out(Tensor conv);
          }
          """), List.of("TwinNet", "TwinNet64")));

  private static Map<String, String> orderedSources(String... nameThenBody) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenBody.length; i += 2) {
      m.put(nameThenBody[i], nameThenBody[i + 1]);
    }
    return m;
  }
}
