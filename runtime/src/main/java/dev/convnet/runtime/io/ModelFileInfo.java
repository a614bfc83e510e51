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
 */
public record ModelFileInfo(int version, String network, String fingerprint, String layout, int parameterCount,
                            int bufferCount) {
  /** The header of a file without buffers. */
  public ModelFileInfo(int version, String network, String fingerprint, String layout, int parameterCount) {
    this(version, network, fingerprint, layout, parameterCount, 0);
  }
}
