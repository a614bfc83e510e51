package dev.convnet.runtime.io;

/**
 * The header of a valid model file.
 *
 * @param version        the format version
 * @param network        the name of the network that saved it
 * @param fingerprint    that network's architecture fingerprint
 * @param layout         its parameter layout ({@code ParameterLayout.describe()})
 * @param parameterCount number of float parameters stored
 * @param bufferCount    number of float buffer values stored (0 in a version 1 file)
 * @param metadata       what the file says about using the model ({@link ModelMetadata#NONE} before version 3)
 */
public record ModelFileInfo(int version, String network, String fingerprint, String layout, int parameterCount,
                            int bufferCount, ModelMetadata metadata) {
  /**
   * The header of a file without metadata.
   *
   * @param version        the format version
   * @param network        the network's name
   * @param fingerprint    its architecture fingerprint
   * @param layout         its parameter layout
   * @param parameterCount number of parameters
   * @param bufferCount    number of buffer values
   */
  public ModelFileInfo(int version, String network, String fingerprint, String layout, int parameterCount,
                       int bufferCount) {
    this(version, network, fingerprint, layout, parameterCount, bufferCount, ModelMetadata.NONE);
  }

  /**
   * The header of a file without buffers or metadata.
   *
   * @param version        the format version
   * @param network        the network's name
   * @param fingerprint    its architecture fingerprint
   * @param layout         its parameter layout
   * @param parameterCount number of parameters
   */
  public ModelFileInfo(int version, String network, String fingerprint, String layout, int parameterCount) {
    this(version, network, fingerprint, layout, parameterCount, 0);
  }
}
