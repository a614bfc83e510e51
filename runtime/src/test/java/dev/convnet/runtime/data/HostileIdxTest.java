package dev.convnet.runtime.data;

import static dev.convnet.runtime.testing.Allocation.assertThrowsAllocatingAtMost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IDX files that are empty, cut short, mislabelled, absurdly large, padded or damaged: each is an
 * {@link IdxFormatException} whose message names the file and the problem, and nothing is allocated for data that
 * is not there.
 */
class HostileIdxTest {
  private static final long SMALL_ALLOCATION = 4L << 20;

  @TempDir
  Path dir;

  /** A field of an IDX file, in order: what the reader calls it and how many bytes it has. */
  private record Field(String name, int length) {}

  /** The two kinds of IDX file, each with a small valid example and the reader for it. */
  private enum Kind {
    IMAGES(Idx.IMAGES_MAGIC, IdxFiles.images(3, 4, 5, IdxFiles.pixels(60)), "IDX image file",
        List.of(new Field("magic number", 4), new Field("image count", 4), new Field("row count", 4),
            new Field("column count", 4), new Field("pixel data of 3 images of 4×5", 60))) {
      @Override
      String read(Path file) throws IOException {
        IdxImages images = Idx.readImages(file);
        return images.count() + "×" + images.rows() + "×" + images.cols() + Arrays.toString(images.pixels());
      }
    },
    LABELS(Idx.LABELS_MAGIC, IdxFiles.labels(3, 1, 4), "IDX label file",
        List.of(new Field("magic number", 4), new Field("label count", 4), new Field("3 labels", 3))) {
      @Override
      String read(Path file) throws IOException {
        return Arrays.toString(Idx.readLabels(file));
      }
    };

    final int magic;
    final byte[] valid;
    final String description;
    final List<Field> fields;

    Kind(int magic, byte[] valid, String description, List<Field> fields) {
      this.magic = magic;
      this.valid = valid;
      this.description = description;
      this.fields = fields;
    }

    /** Reads the file, summarizing its contents as text (to compare two files' contents). */
    abstract String read(Path file) throws IOException;

    /** The valid example with its magic number replaced. */
    byte[] withMagic(int newMagic) {
      byte[] bytes = valid.clone();
      ByteBuffer.wrap(bytes).putInt(0, newMagic);
      return bytes;
    }

    /** The problem reported for the valid example cut to {@code length} (0 < length < valid.length) bytes. */
    String truncation(int length) {
      int start = 0;
      for (Field f : fields) {
        if (length < start + f.length()) {
          return "truncated: the " + f.name() + " needs " + f.length() + " bytes but only " + (length - start)
              + " remain (file size " + length + " bytes)";
        }
        start += f.length();
      }
      throw new IllegalArgumentException("a cut to " + length + " bytes does not truncate the file");
    }
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static IdxFormatException assertRejected(Kind kind, Path file, String... fragments) {
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> kind.read(file),
        () -> kind + " " + file.getFileName() + " was read");
    assertNamesFileAndProblem(e, file, fragments);
    return e;
  }

  private static void assertNamesFileAndProblem(IdxFormatException e, Path file, String... fragments) {
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": "), "message does not name the file: " + e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void emptyFileAndEmptyGzip(Kind kind) throws IOException {
    assertRejected(kind, write("empty", new byte[0]), "is empty (0 bytes); expected an " + kind.description);
    assertRejected(kind, write("empty.gz", IdxFiles.gzip(new byte[0])), "truncated", "the magic number needs 4 "
        + "bytes but only 0 remain in the decompressed data");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void plainFileCutAtEveryOffsetNamesTheFieldThatIsCut(Kind kind) throws IOException {
    Path file = dir.resolve("cut");
    for (int length = 1; length < kind.valid.length; length++) {
      Files.write(file, Arrays.copyOf(kind.valid, length));
      IdxFormatException e = assertThrows(IdxFormatException.class, () -> kind.read(file), "cut to " + length);
      assertEquals(file + ": " + kind.truncation(length), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gzipFileCutAtEveryOffsetIsTruncated(Kind kind) throws IOException {
    byte[] gz = IdxFiles.gzip(kind.valid);
    Path file = dir.resolve("cut.gz");
    for (int length = 1; length < gz.length; length++) {
      Files.write(file, Arrays.copyOf(gz, length));
      assertRejected(kind, file, "truncated");
    }
    Files.write(file, gz);
    assertEquals(kind.read(write("valid", kind.valid)), kind.read(file));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void wrongMagicElementTypeOrDimensionCount(Kind kind) throws IOException {
    String expected = String.format("; expected 0x%08X for an %s of unsigned bytes", kind.magic, kind.description);
    int dimensions = kind.magic & 0xFF;
    assertRejected(kind, write("type", kind.withMagic(0x0C00 | dimensions)), "wrong magic number",
        "(an IDX file of element type 0x0C with " + dimensions + " dimensions)", expected);
    assertRejected(kind, write("signed", kind.withMagic(0x0900 | dimensions)), "element type 0x09", expected);
    assertRejected(kind, write("more-dims", kind.withMagic(kind.magic + 1)), "wrong magic number",
        "with " + (dimensions + 1) + " dimensions", expected);
    assertRejected(kind, write("no-dims", kind.withMagic(0x0800)), "with 0 dimensions", expected);
    assertRejected(kind, write("jpeg", kind.withMagic(0xFFD8FFE0)), "wrong magic number 0xFFD8FFE0" + expected);
    assertRejected(kind, write("swapped", kind.withMagic(Integer.reverseBytes(kind.magic))), "wrong magic number 0x0"
        + (dimensions == 3 ? "3" : "1") + "080000");
    Kind otherKind = kind == Kind.IMAGES ? Kind.LABELS : Kind.IMAGES;
    String found = "(an " + otherKind.description + ")";
    assertRejected(kind, write("other-kind", otherKind.valid), found, expected);
    assertRejected(kind, write("other-kind.gz", IdxFiles.gzip(otherKind.valid)), found, expected);
  }

  @Test
  void absurdImageDimensionsFailBeforeAllocating() throws IOException {
    String tooBig = "more than the largest array";
    for (int[] dims : new int[][] {{Integer.MAX_VALUE, 1, 1}, {1 << 16, 1 << 16, 1}, {2, 1 << 15, 1 << 15},
        {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}}) {
      Path file = write("absurd", IdxFiles.images(dims[0], dims[1], dims[2], new byte[8]));
      assertAbsurd(Kind.IMAGES, file, "absurd dimensions: " + dims[0] + " images of " + dims[1] + "×" + dims[2],
          tooBig);
    }
    assertAbsurd(Kind.IMAGES, write("negative", IdxFiles.images(-1, 28, 28, new byte[0])), "negative image count -1");
    assertAbsurd(Kind.IMAGES, write("zero-rows", IdxFiles.images(1, 0, 28, new byte[0])), "invalid image size 0×28");
    assertAbsurd(Kind.IMAGES, write("negative-cols", IdxFiles.images(1, 28, -28, new byte[0])),
        "invalid image size 28×-28");
    // Within array limits, but far more than the file holds, compressed or not.
    byte[] claims = IdxFiles.images(1_000_000, 28, 28, new byte[784]);
    assertAbsurd(Kind.IMAGES, write("claims", claims), "needs 784000000 bytes but only 784 remain");
    assertAbsurd(Kind.IMAGES, write("claims.gz", IdxFiles.gzip(claims)), "needs 784000000 bytes but only 784 "
        + "remain in the decompressed data");
  }

  @Test
  void absurdLabelCountsFailBeforeAllocating() throws IOException {
    assertAbsurd(Kind.LABELS, write("max", IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, Integer.MAX_VALUE, 1, 2)),
        "2147483647 labels of 2147483647 bytes is larger than the largest array");
    assertAbsurd(Kind.LABELS, write("negative", IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, -5, 1)),
        "negative label count -5");
    byte[] claims = IdxFiles.labelsWithHeader(Idx.LABELS_MAGIC, Integer.MAX_VALUE - 8, 1, 2);
    assertAbsurd(Kind.LABELS, write("claims", claims), "truncated", "needs 2147483639 bytes but only 2 remain");
    assertAbsurd(Kind.LABELS, write("claims.gz", IdxFiles.gzip(claims)), "truncated",
        "needs 2147483639 bytes but only 2 remain in the decompressed data");
  }

  private static void assertAbsurd(Kind kind, Path file, String... fragments) throws IOException {
    assertTrue(Files.size(file) < 1000, "the hostile file itself is tiny");
    IdxFormatException e = assertThrowsAllocatingAtMost(SMALL_ALLOCATION, IdxFormatException.class,
        () -> kind.read(file));
    assertNamesFileAndProblem(e, file, fragments);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void trailingBytesAreAnErrorInsideOrAfterTheGzipData(Kind kind) throws IOException {
    byte[] padded = Arrays.copyOf(kind.valid, kind.valid.length + 1);
    assertRejected(kind, write("padded", padded), "1 unexpected bytes after the");
    assertRejected(kind, write("padded.gz", IdxFiles.gzip(padded)), "at least 1 unexpected bytes after the");
    byte[] gz = IdxFiles.gzip(kind.valid);
    for (byte[] garbage : new byte[][] {{1, 2, 3}, new byte[40], {0x1f, 0x1f}}) {
      assertRejected(kind, write("garbage.gz", concat(gz, garbage)), "unexpected bytes after the gzip data");
    }
    for (byte[] startOfAMember : new byte[][] {{0x1f}, {0x1f, (byte) 0x8b}, Arrays.copyOf(gz, 8)}) {
      assertRejected(kind, write("cut-member.gz", concat(gz, startOfAMember)), "truncated gzip data",
          "ends inside a gzip header");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concatenatedGzipMembersAreOneStream(Kind kind) throws IOException {
    byte[] first = IdxFiles.gzip(Arrays.copyOf(kind.valid, 10));
    byte[] second = IdxFiles.gzip(Arrays.copyOfRange(kind.valid, 10, kind.valid.length));
    assertEquals(kind.read(write("valid", kind.valid)), kind.read(write("two-members.gz", concat(first, second))));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyBitFlipInThePlainHeaderIsDetected(Kind kind) throws IOException {
    int header = kind.valid.length - kind.fields.get(kind.fields.size() - 1).length();
    Path file = dir.resolve("flipped");
    for (int i = 0; i < header; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bytes = kind.valid.clone();
        bytes[i] ^= (byte) (1 << bit);
        Files.write(file, bytes);
        assertRejected(kind, file);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyBitFlipInAGzipFileIsDetectedOrChangesNothing(Kind kind) throws IOException {
    String original = kind.read(write("valid", kind.valid));
    byte[] gz = IdxFiles.gzip(kind.valid);
    Path file = dir.resolve("flipped.gz");
    int detected = 0;
    for (int i = 0; i < gz.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bytes = gz.clone();
        bytes[i] ^= (byte) (1 << bit);
        Files.write(file, bytes);
        String read;
        try {
          read = kind.read(file);
        } catch (IdxFormatException e) {
          assertNamesFileAndProblem(e, file);
          detected++;
          continue;
        }
        // Bits that do not describe the data (modification time, OS, the padding after the last deflate block).
        assertEquals(original, read, "byte " + i + " bit " + bit + " changed the data unnoticed");
      }
    }
    // All but the 10-byte header's informational bits and a few bits of padding.
    assertTrue(detected >= 8 * (gz.length - 11), detected + " of " + 8 * gz.length + " flips detected");
  }

  @Test
  void labelsOutsideTheClassCountNameTheLabelFile() throws IOException {
    Path images = write("images", Kind.IMAGES.valid);
    Path labels = write("labels", IdxFiles.labels(3, 12, 4));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.load(images, labels, 10));
    assertNamesFileAndProblem(e, labels, "label 12 of item 1 is outside the 10 classes [0, 10)");
    assertArrayEquals(new int[] {3, 12, 4}, Idx.load(images, labels, 13).labels());
    assertArrayEquals(new int[] {3, 12, 4}, Idx.readLabels(labels), "without a class count any byte is a label");
    assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels, 0));
    assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels, 257));
  }

  @Test
  void imageAndLabelCountsMustAgreeEitherWay() throws IOException {
    Path images = write("images", Kind.IMAGES.valid);
    Path labels = write("labels", IdxFiles.labels(1, 2));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.load(images, labels, 10));
    assertNamesFileAndProblem(e, images, "has 3 images but the label file " + labels + " has 2 labels");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDirectoryIsNotAnIdxFile(Kind kind) throws IOException {
    assertRejected(kind, Files.createDirectory(dir.resolve("folder")), "is a directory; expected an "
        + kind.description);
  }

  @Test
  void aFileThatOnlyStartsLikeGzipHasACorruptGzipHeader() throws IOException {
    byte[] bytes = Kind.LABELS.valid.clone();
    bytes[0] = 0x1f;
    bytes[1] = (byte) 0x8b;
    bytes[2] = 0;
    assertRejected(Kind.LABELS, write("fake.gz", bytes), "corrupt or truncated gzip header",
        "unsupported gzip compression method 0");
  }
}
