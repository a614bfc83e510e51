package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.io.ModelFileInfo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A network's parameters and buffers with the name of its generated class: what is shipped to executors (as a
 * broadcast) so that each can rebuild the network. Immutable by convention: the arrays are copies, never changed.
 */
public final class ModelSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String className;
  private final String network;
  private final String fingerprint;
  private final float[] parameters;
  private final float[] buffers;

  private ModelSnapshot(String className, String network, String fingerprint, float[] parameters,
                        float[] buffers) {
    this.className = className;
    this.network = network;
    this.fingerprint = fingerprint;
    this.parameters = parameters;
    this.buffers = buffers;
  }

  /** A copy of a network's current parameters and buffers. */
  public static ModelSnapshot of(CompiledNetwork net) {
    Parameters p = net.parameters();
    return new ModelSnapshot(net.getClass().getName(), net.name(), net.fingerprint(), p.data().clone(),
        p.buffers().clone());
  }

  /** A snapshot with other parameter values (same class and buffers' length checked). */
  ModelSnapshot with(float[] newParameters, float[] newBuffers) {
    if (newParameters.length != parameters.length || newBuffers.length != buffers.length) {
      throw new IllegalArgumentException("snapshot of " + network + ": expected " + parameters.length
          + " parameters and " + buffers.length + " buffer values");
    }
    return new ModelSnapshot(className, network, fingerprint, newParameters, newBuffers);
  }

  /**
   * Loads a model file from a local or Hadoop path ({@code hdfs://…}, {@code file:/…}); its network class is found
   * by the name and fingerprint the file records (see {@link NetworkClasses}).
   *
   * @param extraClasses network classes to consider besides the listed ones
   */
  public static ModelSnapshot load(String location, Configuration conf, Collection<String> extraClasses)
      throws IOException {
    Path local = HadoopFiles.fetch(location, conf);
    try {
      ModelFileInfo info = ModelFile.inspect(local);
      String className = NetworkClasses.forModel(info.network(), info.fingerprint(), extraClasses);
      CompiledNetwork net = NetworkClasses.instantiate(className, null);
      ModelFile.load(net, local);
      return of(net);
    } finally {
      HadoopFiles.deleteQuietly(local);
    }
  }

  /** {@link #load(String, Configuration, Collection)} with the listed network classes only. */
  public static ModelSnapshot load(String location, Configuration conf) throws IOException {
    return load(location, conf, List.of());
  }

  /** Saves these parameters as a model file at a local or Hadoop path (atomically replaced). */
  public void save(String location, Configuration conf) throws IOException {
    Path dir = Files.createTempDirectory("convnet-model");
    Path local = dir.resolve("model");
    try {
      ModelFile.save(newNetwork(), local);
      HadoopFiles.publish(local, location, conf);
    } finally {
      HadoopFiles.deleteQuietly(local);
      Files.deleteIfExists(dir);
    }
  }

  /** A new network instance with its own copy of these parameters and buffers. */
  public CompiledNetwork newNetwork() {
    CompiledNetwork net = NetworkClasses.instantiate(className, null);
    copyInto(net);
    return net;
  }

  /** Overwrites a network's parameters and buffers with these (same architecture checked). */
  public void copyInto(CompiledNetwork net) {
    if (!net.fingerprint().equals(fingerprint)) {
      throw new IllegalArgumentException("snapshot of network '" + network + "' does not fit network '"
          + net.name() + "' (different fingerprint)");
    }
    Parameters p = net.parameters();
    System.arraycopy(parameters, 0, p.data(), 0, parameters.length);
    System.arraycopy(buffers, 0, p.buffers(), 0, buffers.length);
  }

  /** The generated class's fully qualified name. */
  public String className() {
    return className;
  }

  /** The network's name (its declaring interface's simple name). */
  public String network() {
    return network;
  }

  public String fingerprint() {
    return fingerprint;
  }

  /** The parameters (the array itself: do not modify). */
  public float[] parameters() {
    return parameters;
  }

  /** The buffers (the array itself: do not modify). */
  public float[] buffers() {
    return buffers;
  }

  @Override
  public String toString() {
    return "ModelSnapshot(" + network + ", " + className + ", " + parameters.length + " parameters)";
  }
}
