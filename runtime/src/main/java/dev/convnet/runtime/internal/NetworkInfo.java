package dev.convnet.runtime.internal;

import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Shape;
import java.util.List;

/**
 * What a generated network's constants say about it, handed once to its base class ({@link GeneratedNetwork} or
 * {@link GeneratedNetwork64}). Part of the contract between the processor and the runtime, not of the API.
 *
 * @param name               the declaring interface's simple name
 * @param layers             per-layer facts, input first, output last
 * @param architecture       the canonical description of every layer, in the same order
 * @param layout             the parameter and buffer layout
 * @param fingerprint        the architecture fingerprint (null for a float64 twin)
 * @param formerFingerprints what earlier compiler versions called the same architecture
 */
public record NetworkInfo(String name, List<LayerInfo> layers, List<LayerSpec> architecture, ParameterLayout layout,
                          String fingerprint, List<String> formerFingerprints) {
  public NetworkInfo {
    layers = List.copyOf(layers);
    architecture = List.copyOf(architecture);
    formerFingerprints = List.copyOf(formerFingerprints);
  }

  public Shape inputShape() {
    return layers.get(0).outputShape();
  }

  public Shape outputShape() {
    return layers.get(layers.size() - 1).outputShape();
  }
}
