package dev.convnet.runtime.io;

import dev.convnet.runtime.data.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model file says about how to use its model: the class names, the input preprocessing, the data set it was
 * trained on and its final metrics. Stored in a model file ({@link ModelFile#save(dev.convnet.runtime.CompiledNetwork,
 * java.nio.file.Path, ModelMetadata)}, format version 3) as text properties with these keys: {@code classes} (one
 * name per line), {@code input.padding}, {@code input.mean}, {@code input.std}, {@code input.centering},
 * {@code dataset} and {@code metric.NAME} for each metric; other keys are kept as {@link #extra}.
 *
 * @param classNames    the name of each output class, in output order; empty if unknown
 * @param preprocessing how raw images become the network's input; {@code null} if unknown
 * @param dataset       a description of the training data; {@code ""} if unknown
 * @param metrics       final metrics by name ({@code test_accuracy}, {@code test_loss}, ...), in order
 * @param extra         further properties, in order
 */
public record ModelMetadata(List<String> classNames, Preprocessing preprocessing, String dataset,
                            Map<String, Double> metrics, Map<String, String> extra) {
  /** Nothing known: what a model file of version 1 or 2 carries. */
  public static final ModelMetadata NONE = new ModelMetadata(List.of(), null, "", Map.of(), Map.of());

  /**
   * Copies the collections.
   *
   * @param classNames the class names
   * @param preprocessing how raw inputs become the network's input
   * @param dataset the data set
   * @param metrics the metrics
   * @param extra further properties
   * @throws IllegalArgumentException for a null collection or dataset, a class name that is empty or holds a line
   *                                  break, or an extra key that clashes with the known ones
   */
  public ModelMetadata {
    if (classNames == null || dataset == null || metrics == null || extra == null) {
      throw new IllegalArgumentException("model metadata: class names, dataset, metrics and extra must not be null");
    }
    for (String c : classNames) {
      if (c == null || c.isBlank() || c.contains("\n")) {
        throw new IllegalArgumentException("class names must be non-empty single lines, got '" + c + "'");
      }
    }
    for (String key : extra.keySet()) {
      if (isKnown(key)) {
        throw new IllegalArgumentException("extra model property '" + key + "' clashes with a known key");
      }
    }
    classNames = List.copyOf(classNames);
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /**
   * The properties as stored in a model file.
   *
   * @return the keys and values, in a fixed order
   */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    if (!classNames.isEmpty()) {
      p.put("classes", String.join("\n", classNames));
    }
    if (preprocessing != null) {
      p.put("input.padding", Integer.toString(preprocessing.padding()));
      p.put("input.mean", Float.toString(preprocessing.mean()));
      p.put("input.std", Float.toString(preprocessing.std()));
      p.put("input.centering", preprocessing.centering());
    }
    if (!dataset.isEmpty()) {
      p.put("dataset", dataset);
    }
    metrics.forEach((name, value) -> p.put("metric." + name, Double.toString(value)));
    p.putAll(extra);
    return p;
  }

  /**
   * Reads properties written by {@link #toProperties}.
   *
   * @param properties the stored properties
   * @return the metadata
   * @throws IllegalArgumentException if a known property is malformed, naming it
   */
  public static ModelMetadata fromProperties(Map<String, String> properties) {
    List<String> classes = properties.containsKey("classes")
        ? new ArrayList<>(Arrays.asList(properties.get("classes").split("\n", -1))) : List.of();
    Preprocessing preprocessing = null;
    if (properties.containsKey("input.padding")) {
      try {
        preprocessing = new Preprocessing(Integer.parseInt(require(properties, "input.padding")),
            Float.parseFloat(require(properties, "input.mean")), Float.parseFloat(require(properties, "input.std")),
            require(properties, "input.centering"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed input preprocessing: " + e.getMessage(), e);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> extra = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (e.getKey().startsWith("metric.")) {
        try {
          metrics.put(e.getKey().substring("metric.".length()), Double.parseDouble(e.getValue()));
        } catch (NumberFormatException x) {
          throw new IllegalArgumentException("malformed metric " + e.getKey() + ": '" + e.getValue() + "'", x);
        }
      } else if (!isKnown(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return new ModelMetadata(classes, preprocessing, properties.getOrDefault("dataset", ""), metrics, extra);
  }

  /**
   * The name of class {@code index}, or the index itself when no names are known.
   *
   * @param index an output index
   * @return its name
   */
  public String className(int index) {
    return index >= 0 && index < classNames.size() ? classNames.get(index) : Integer.toString(index);
  }

  private static String require(Map<String, String> properties, String key) {
    String value = properties.get(key);
    if (value == null) {
      throw new IllegalArgumentException("model metadata has input.padding but no " + key);
    }
    return value;
  }

  private static boolean isKnown(String key) {
    return key.equals("classes") || key.equals("dataset") || key.startsWith("input.")
        || key.toLowerCase(Locale.ROOT).startsWith("metric.");
  }
}
