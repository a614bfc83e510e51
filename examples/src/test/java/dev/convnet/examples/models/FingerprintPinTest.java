package dev.convnet.examples.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Fingerprints;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParameterLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The architecture fingerprint of every example network, pinned: model files carry it, so a change is a
 * deliberate one (a new fingerprint version that keeps the old one among {@code formerFingerprints()}), never a side
 * effect of editing the compiler. Only the static tables are read: no network is built.
 */
class FingerprintPinTest {
  private static final Map<String, String> PINS = Map.ofEntries(
      Map.entry("dev.convnet.examples.LeNet5Net", "b12e59d5d811e95a7c8282db40ba3c33"),
      Map.entry("dev.convnet.examples.LeNet1998Net", "edf1c289a47821c9069c02268297b01a"),
      Map.entry("dev.convnet.examples.filters.SobelEdgesNet", "9d4e91e22c8182274c982e9ab96496d8"),
      Map.entry("dev.convnet.examples.filters.NamedFiltersNet", "3c5085eed1ca2d17d0d0d1dae217f38a"),
      Map.entry("dev.convnet.examples.zoo.SmallResNetNet", "31fb80cc5ef3540f45363668b3e59471"),
      Map.entry("dev.convnet.examples.zoo.SmallDenseNetNet", "90f6ee0fac5ffd7dcbd3bd5d666a61e2"),
      Map.entry("dev.convnet.examples.zoo.AlexNetNet", "fd858349fb4cf4810340c343128f38d9"),
      Map.entry("dev.convnet.examples.zoo.AlexNetTwoTowersNet", "d9414aa95c9c6220ba9e002b9dc04fb1"),
      Map.entry("dev.convnet.examples.zoo.AlexNetTorchvisionNet", "a842f2ab9c1289388dcc018af90d4982"),
      Map.entry("dev.convnet.examples.zoo.Vgg16Net", "628cdee692612052db2a5b40f82806ae"),
      Map.entry("dev.convnet.examples.zoo.GoogLeNetNet", "9825e84b3a5b576b9a4cb5e3319e2e39"),
      Map.entry("dev.convnet.examples.zoo.ResNet18Net", "d01614e8faa1829d65c69b5def5ba5aa"),
      Map.entry("dev.convnet.examples.zoo.ResNet50Net", "cacd3baf4c5b77776ef22662ff7e0335"),
      Map.entry("dev.convnet.examples.zoo.DenseNet121Net", "21c2adcee3ad42b2e53c2dab8687d251"));

  @Test
  void everyExampleNetworkKeepsItsFingerprint() throws Exception {
    for (Map.Entry<String, String> pin : PINS.entrySet()) {
      Class<?> net = Class.forName(pin.getKey());
      assertEquals(pin.getValue(), net.getField("FINGERPRINT").get(null), pin.getKey()
          + ": the architecture fingerprint changed, so model files saved before no longer load; if the change is"
          + " deliberate, keep the old fingerprint among formerFingerprints() and update this pin");
    }
  }

  @Test
  void theFingerprintIsTheHashOfTheCanonicalArchitectureAndLayout() throws Exception {
    for (String name : PINS.keySet()) {
      Class<?> net = Class.forName(name);
      @SuppressWarnings("unchecked")
      List<LayerSpec> architecture = (List<LayerSpec>) net.getField("ARCHITECTURE").get(null);
      ParameterLayout layout = (ParameterLayout) net.getField("LAYOUT").get(null);
      String text = Fingerprints.describe(architecture, layout);
      assertTrue(text.startsWith(Fingerprints.VERSION + "\n"), text);
      assertEquals(Fingerprints.hash(text), net.getField("FINGERPRINT").get(null), name);
      assertTrue(CompiledNetwork.class.isAssignableFrom(net), name);
    }
  }
}
