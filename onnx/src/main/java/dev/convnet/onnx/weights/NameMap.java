package dev.convnet.onnx.weights;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a network's parameter names ({@code layer2a_conv1.weight}) are spelled in a weights file. {@link #SAME} keeps
 * them; {@link #TORCHVISION} spells them as torchvision's models do ({@code layer2.0.conv1.weight}).
 */
@FunctionalInterface
public interface NameMap {
  /** The name in the file of our tensor {@code name}. */
  String toFile(String name);

  /** Our names as they are. */
  NameMap SAME = new NameMap() {
    @Override
    public String toFile(String name) {
      return name;
    }

    @Override
    public String toString() {
      return "as declared";
    }
  };

  /**
   * torchvision's names for the zoo's ResNets: a block use {@code layer2a} (letter = index in the stage) becomes
   * {@code layer2.0}, and the projection shortcut {@code downsample} / {@code downsampleBn} becomes
   * {@code downsample.0} / {@code downsample.1}: {@code layer2a_downsampleBn.running_mean} ↔
   * {@code layer2.0.downsample.1.running_mean}. Other names stay ({@code conv1.weight}, {@code bn1.running_var},
   * {@code fc.bias}).
   */
  NameMap TORCHVISION = new NameMap() {
    private final Pattern block = Pattern.compile("^([A-Za-z]+\\d+)([a-z])_([A-Za-z0-9]+)\\.(.+)$");
    private final Map<String, String> inside = Map.of("downsample", "downsample.0", "downsampleBn", "downsample.1");

    @Override
    public String toFile(String name) {
      Matcher m = block.matcher(name);
      if (!m.matches()) {
        return name;
      }
      String layer = inside.getOrDefault(m.group(3), m.group(3));
      return m.group(1) + "." + (m.group(2).charAt(0) - 'a') + "." + layer + "." + m.group(4);
    }

    @Override
    public String toString() {
      return "torchvision";
    }
  };
}
