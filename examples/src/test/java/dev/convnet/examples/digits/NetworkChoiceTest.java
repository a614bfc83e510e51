package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --net}: every network by name, the default, and a clear error for an unknown one. */
class NetworkChoiceTest {
  @Test
  void acceptsEveryNetworkByName() throws Exception {
    assertEquals(List.of("lenet5", "lenet1998", "resnet", "densenet"), NetworkChoice.names());
    for (String name : NetworkChoice.names()) {
      Options o = Options.parse("train", "--net", name);
      assertEquals(name, o.net());
      assertEquals(name, Options.parse("--net=" + name.toUpperCase(java.util.Locale.ROOT)).net());
      NetworkChoice c = NetworkChoice.byName(name);
      int side = 28 + 2 * c.border();
      assertEquals(side * side, c.network().inputSize(), name);
      assertEquals(name.startsWith("lenet") ? 2 : 0, c.border(), name + ": LeNet-5 reads 32×32, the others 28×28");
      assertEquals(10, c.network().outputSize(), name);
    }
  }

  @Test
  void defaultsToLeNet5() throws Exception {
    Options o = Options.parse();
    assertEquals("lenet5", o.net());
    assertEquals(null, o.out(), "no --out: a new run folder under runs/");
    assertEquals(Path.of("elsewhere"), Options.parse("--net", "resnet", "--out", "elsewhere").out());
  }

  @Test
  void rejectsAnUnknownNetworkNamingTheKnownOnes() {
    UsageException e = assertThrows(UsageException.class, () -> Options.parse("--net", "vgg16"));
    assertEquals("unknown network 'vgg16' for --net; use one of lenet5, lenet1998, resnet, densenet", e.getMessage());
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = DigitsMain.run(new PrintStream(new ByteArrayOutputStream()), "train", "--net", "vgg16");
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, status);
    assertEquals("error: unknown network 'vgg16' for --net; use one of lenet5, lenet1998, resnet, densenet",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void usageListsTheNetworks() {
    for (String name : NetworkChoice.names()) {
      assertTrue(Options.USAGE.contains(name), name);
    }
    assertTrue(Options.USAGE.contains("--net NAME"));
  }

  @Test
  void onlyLeNet1998HasPenaltyOutputs() {
    for (NetworkChoice c : NetworkChoice.ALL) {
      assertEquals(c.name().equals("lenet1998"), c.penalties(), c.name());
    }
  }
}
