package dev.convnet.runtime.io;

import static dev.convnet.runtime.io.ModelFiles.PARAMETERS;
import static dev.convnet.runtime.io.ModelFiles.assertNamesFileAndProblem;
import static dev.convnet.runtime.io.ModelFiles.assertRejected;
import static dev.convnet.runtime.io.ModelFiles.rewriteChecksum;
import static dev.convnet.runtime.io.ModelFiles.small;
import static dev.convnet.runtime.testing.Allocation.assertThrowsAllocatingAtMost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files that are empty, cut short, damaged, from another format version or with absurd length fields, and
 * saves that fail midway: loading is a {@link ModelFileException} naming the file and the problem that changes no
 * parameter and allocates nothing for what the file merely claims; a failed save leaves the previous file intact.
 */
class HostileModelFileTest {
  private static final long SMALL_ALLOCATION = 1L << 20;

  @TempDir
  Path dir;

  private Path file;
  private byte[] valid;

  @BeforeEach
  void saveASmallModel() throws IOException {
    file = dir.resolve("small.model");
    ModelFile.save(small(1), file);
    valid = Files.readAllBytes(file);
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  /** Rejected by both {@link ModelFile#load} (leaving the network unchanged) and {@link ModelFile#inspect}. */
  private static ModelFileException assertRejectedByLoadAndInspect(Path file, String... fragments) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.inspect(file));
    assertNamesFileAndProblem(e, file, fragments);
    assertRejected(file, small(3), fragments);
    return e;
  }

  /** Offset of the int32 parameter count: before the floats and the checksum. */
  private int countOffset() {
    return valid.length - 4 - 4 * PARAMETERS - 4;
  }

  /** Offset of the int32 length of the {@code index}th string (0: name, 1: fingerprint, 2: layout). */
  private int stringLengthOffset(int index) {
    int at = ModelFile.MAGIC.length + 4;
    for (int i = 0; i < index; i++) {
      at += 4 + ByteBuffer.wrap(valid).getInt(at);
    }
    return at;
  }

  private byte[] withInt(int offset, int value, boolean consistentChecksum) {
    byte[] bytes = valid.clone();
    ByteBuffer.wrap(bytes).putInt(offset, value);
    if (consistentChecksum) {
      rewriteChecksum(bytes);
    }
    return bytes;
  }

  @Test
  void emptyFile() throws IOException {
    assertRejectedByLoadAndInspect(write("empty", new byte[0]), "is empty (0 bytes), not a convnet model file");
  }

  @Test
  void cutAtEveryOffsetIsTruncatedAtTheRightPlace() throws IOException {
    Path cut = dir.resolve("cut.model");
    for (int length = 1; length < valid.length; length++) {
      Files.write(cut, Arrays.copyOf(valid, length));
      assertRejectedByLoadAndInspect(cut, "truncated or corrupt: the ", "(file size " + length + " bytes)");
    }
    Files.write(cut, Arrays.copyOf(valid, countOffset() + 4 + 4 * 7 + 2));
    assertRejectedByLoadAndInspect(cut, "the values of 15 parameters needs 60 bytes at offset " + (countOffset() + 4)
        + " but the file has only 30 more");
    Files.write(cut, Arrays.copyOf(valid, valid.length + 1));
    assertRejectedByLoadAndInspect(cut, "corrupt: 1 unexpected bytes after the checksum");
  }

  @Test
  void wrongMagic() throws IOException {
    for (String magic : new String[] {"CNVNET02", "cnvnet01", "\0\0\0\0\0\0\0\0", "PK\3\4\0\0\0\0"}) {
      byte[] bytes = valid.clone();
      System.arraycopy(magic.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 8);
      rewriteChecksum(bytes);
      assertRejectedByLoadAndInspect(write("magic", bytes), "not a convnet model file (it does not start with "
          + "\"CNVNET01\")");
    }
    assertRejectedByLoadAndInspect(write("short", "CNVX".getBytes(StandardCharsets.US_ASCII)),
        "not a convnet model file");
    assertRejectedByLoadAndInspect(write("prefix", "CNV".getBytes(StandardCharsets.US_ASCII)),
        "truncated or corrupt: the magic needs 8 bytes");
  }

  @Test
  void unsupportedVersionsAreToldApartFromADamagedVersionField() throws IOException {
    for (int version : new int[] {0, 4, -1, Integer.MAX_VALUE}) {
      assertRejectedByLoadAndInspect(write("v", withInt(8, version, true)), "unsupported model file version "
          + version + "; this reader supports versions 1 to 3");
      assertRejectedByLoadAndInspect(write("v", withInt(8, version, false)), "corrupt: format version field reads "
          + version + " and the checksum does not match");
    }
  }

  @Test
  void everyBitFlipIsDetected() throws IOException {
    Path flipped = dir.resolve("flipped.model");
    int checksumErrors = 0;
    for (int i = 0; i < valid.length; i++) {
      for (int mask : new int[] {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF}) {
        byte[] bytes = valid.clone();
        bytes[i] ^= (byte) mask;
        Files.write(flipped, bytes);
        ModelFileException e = assertRejectedByLoadAndInspect(flipped);
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("not a convnet model file"),
            "byte " + i + " xor " + mask + ": " + e.getMessage());
        if (e.getMessage().contains("checksum mismatch")) {
          checksumErrors++;
        }
      }
    }
    assertTrue(checksumErrors > valid.length * 5, "most flips are checksum errors: " + checksumErrors);
  }

  @Test
  void absurdLengthFieldsAreRejectedBeforeAllocating() throws IOException {
    String[] strings = {"network name", "architecture fingerprint", "parameter layout"};
    for (boolean consistent : new boolean[] {true, false}) {
      for (int s = 0; s < strings.length; s++) {
        assertAbsurd(withInt(stringLengthOffset(s), Integer.MAX_VALUE, consistent), "the " + strings[s]
            + " needs 2147483647 bytes");
        assertAbsurd(withInt(stringLengthOffset(s), -7, consistent), "negative length -7 of the " + strings[s]);
      }
      assertAbsurd(withInt(countOffset(), Integer.MAX_VALUE, consistent), "values of 2147483647 parameters needs "
          + 4L * Integer.MAX_VALUE + " bytes");
      assertAbsurd(withInt(countOffset(), 1 << 30, consistent), "values of 1073741824 parameters needs "
          + (4L << 30) + " bytes");
      assertAbsurd(withInt(countOffset(), -1, consistent), "negative parameter count -1");
      assertAbsurd(withInt(countOffset(), PARAMETERS - 1, consistent), "4 unexpected bytes after the checksum");
    }
  }

  private void assertAbsurd(byte[] bytes, String problem) throws IOException {
    Path absurd = write("absurd.model", bytes);
    TinyNetwork net = small(3);
    ModelFileException e = assertThrowsAllocatingAtMost(SMALL_ALLOCATION, ModelFileException.class,
        () -> ModelFile.load(net, absurd));
    assertNamesFileAndProblem(e, absurd, problem);
    assertArrayEquals(small(3).parameters().data(), net.parameters().data());
  }

  @Test
  void aHugeFileIsRejectedWithoutReadingIt() throws IOException {
    Path huge = write("huge.model", valid);
    try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
      sparse.setLength(3L << 30);
    }
    ModelFileException e = assertThrowsAllocatingAtMost(SMALL_ALLOCATION, ModelFileException.class,
        () -> ModelFile.inspect(huge));
    assertNamesFileAndProblem(e, huge, "is " + (3L << 30) + " bytes, too large to be a model file");
  }

  @Test
  void aDirectoryOrAMissingFileIsNotAModelFile() throws IOException {
    assertRejectedByLoadAndInspect(Files.createDirectory(dir.resolve("folder.model")), "is a directory");
    assertRejectedByLoadAndInspect(dir.resolve("missing.model"), "no such file");
  }

  @Test
  void aSaveInterruptedAfterAnyNumberOfBytesLeavesThePreviousFileIntact() throws IOException {
    TinyNetwork second = small(2);
    for (long failAt = 1; failAt <= valid.length; failAt++) {
      long limit = failAt;
      IOException e = assertThrows(IOException.class, () -> ModelFile.save(second, file, written -> {
        if (written >= limit) {
          throw new IOException("simulated disk failure after " + written + " bytes");
        }
      }));
      assertTrue(e.getMessage().startsWith("simulated"), e.getMessage());
      assertPreviousFileIntactAndNoTemporaryFile();
    }
    ModelFile.save(second, file);
    TinyNetwork check = small(5);
    ModelFile.load(check, file);
    assertArrayEquals(second.parameters().data(), check.parameters().data());
  }

  @Test
  void aSaveThatFailsAtTheRenameLeavesThePreviousFileIntact() throws IOException {
    IOException e = assertThrows(IOException.class, () -> ModelFile.save(small(2), file, new WriteHook() {
      @Override
      public void written(long bytes) {}

      @Override
      public void renaming(Path temp, Path target) throws IOException {
        assertEquals(file.toAbsolutePath(), target);
        assertEquals(dir, temp.getParent(), "the temporary file is next to the target, for an atomic rename");
        assertEquals(valid.length, Files.size(temp), "the new model is complete before the rename");
        assertEquals(ModelFile.inspect(file), ModelFile.inspect(temp));
        throw new IOException("simulated failure to rename " + temp);
      }
    }));
    assertTrue(e.getMessage().startsWith("simulated failure to rename"), e.getMessage());
    assertPreviousFileIntactAndNoTemporaryFile();
  }

  @Test
  void aFailedFirstSaveLeavesNoFileBehind() throws IOException {
    Path fresh = dir.resolve("fresh.model");
    assertThrows(IOException.class, () -> ModelFile.save(small(2), fresh, written -> {
      throw new IOException("simulated disk full");
    }));
    assertFalse(Files.exists(fresh));
    assertPreviousFileIntactAndNoTemporaryFile();
  }

  @Test
  void aRenameOntoANonEmptyDirectoryFailsAndLeavesItIntact() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("folder.model"));
    Path inside = Files.write(folder.resolve("keep"), new byte[] {42});
    assertThrows(IOException.class, () -> ModelFile.save(small(2), folder));
    assertArrayEquals(new byte[] {42}, Files.readAllBytes(inside));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(folder, file), files.sorted().toList(), "temporary files left behind");
    }
  }

  private void assertPreviousFileIntactAndNoTemporaryFile() throws IOException {
    assertArrayEquals(valid, Files.readAllBytes(file));
    TinyNetwork check = small(5);
    ModelFile.load(check, file);
    assertArrayEquals(small(1).parameters().data(), check.parameters().data());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "temporary files left behind");
    }
  }
}
