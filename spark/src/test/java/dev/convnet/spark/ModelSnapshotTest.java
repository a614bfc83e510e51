package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSnapshotTest {
  @TempDir
  Path dir;

  /** A model file names its network; the class is found from the listed generated classes and loaded whole. */
  @Test
  void modelFileFindsItsGeneratedClass() throws IOException {
    CompiledNetwork net = BatchInferenceTest.resnet();
    Path file = dir.resolve("resnet.model");
    ModelFile.save(net, file);
    ModelSnapshot loaded = ModelSnapshot.load(file.toUri().toString(), new Configuration());
    assertEquals(SmallResNetNet.class.getName(), loaded.className());
    assertArrayEquals(net.parameters().data(), loaded.parameters(), 0f);
    assertArrayEquals(net.parameters().buffers(), loaded.buffers(), 0f);

    String copy = dir.resolve("sub/dir/copy.model").toUri().toString();
    loaded.save(copy, new Configuration());
    CompiledNetwork back = ModelSnapshot.load(copy, new Configuration()).newNetwork();
    assertArrayEquals(net.parameters().data(), back.parameters().data(), 0f);
  }

  @Test
  void unknownNetworksAndMissingFilesAreExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkClasses.forModel("Mystery", "abc", List.of("java.lang.String", "no.such.Net")));
    assertTrue(e.getMessage().contains("no generated class on the class path is network 'Mystery' with fingerprint"
        + " abc; tried java.lang.String (class java.lang.String is not a generated network"), e.getMessage());
    assertTrue(e.getMessage().contains("no.such.Net (class no.such.Net is not on the class path"), e.getMessage());
    assertTrue(e.getMessage().contains("dev.convnet.examples.LeNet5Net (network 'LeNet5', fingerprint "),
        e.getMessage());
    IOException io = assertThrows(IOException.class, () -> ModelSnapshot.load(dir.resolve("none.model").toString(),
        new Configuration()));
    assertTrue(io.getMessage().contains("none.model: no such file"), io.getMessage());
  }
}
