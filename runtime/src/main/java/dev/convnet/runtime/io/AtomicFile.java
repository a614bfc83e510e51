package dev.convnet.runtime.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a file atomically: the content goes to a temporary file in the target's directory ({@code .NAME.XXXX.tmp}),
 * which is forced to disk and renamed over the target, so that a reader sees the old file or the new one, never a
 * part. If writing fails or is interrupted by an exception, the temporary file is deleted and the target is
 * unchanged. Model files, checkpoints and reports are written this way.
 */
public final class AtomicFile {
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");

  private AtomicFile() {}

  /** Writes a file's content. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content to {@code out} (buffered; closing it is not needed).
     *
     * @param out the stream to the temporary file
     * @throws IOException if producing or writing the content fails
     */
    void writeTo(DataOutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code target}, replacing it atomically.
   *
   * @param target  the file to write
   * @param content what to write
   * @throws IOException if writing fails; the previous file, if any, is then unchanged and no temporary file is left
   */
  public static void write(Path target, Content content) throws IOException {
    write(target, content, false, WriteHook.NONE);
  }

  /**
   * Writes {@code content} followed by the CRC32 of all its bytes (4 bytes, big-endian), replacing {@code target}
   * atomically; the format of model and checkpoint files.
   *
   * @param target  the file to write
   * @param content what to write before the checksum
   * @throws IOException if writing fails; the previous file, if any, is then unchanged and no temporary file is left
   */
  public static void writeWithChecksum(Path target, Content content) throws IOException {
    write(target, content, true, WriteHook.NONE);
  }

  /**
   * Whether a file name has the form of this class's temporary files ({@code .NAME.XXXX.tmp}): one left by a
   * process that was killed while writing.
   *
   * @param file a path; only its file name is looked at
   * @return true for a name of that form
   */
  public static boolean isTemporary(Path file) {
    Path name = file.getFileName();
    return name != null && TEMPORARY.matcher(name.toString()).matches();
  }

  /**
   * Deletes the temporary files that a killed writer left in {@code directory} (not in sub-folders). Call it only
   * where no other process writes, e.g. in a folder this process holds a lock on.
   *
   * @param directory the folder to clean
   * @return the number of files deleted
   * @throws IOException if the folder cannot be listed or a file cannot be deleted
   */
  public static int deleteLeftTemporaries(Path directory) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, AtomicFile::isTemporary)) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  static void write(Path file, Content content, boolean checksum, WriteHook hook) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Path temp = createTemporary(directory, target.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        CRC32 crc = new CRC32();
        DataOutputStream body = new DataOutputStream(new CheckedOutputStream(new Hooked(buffered, hook, 0), crc));
        content.writeTo(body);
        body.flush();
        if (checksum) {
          new DataOutputStream(new Hooked(buffered, hook, body.size())).writeInt((int) crc.getValue());
        }
        buffered.flush();
        channel.force(true);
      }
      hook.renaming(temp, target);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      syncDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * A new empty temporary file next to a target, named as {@link #isTemporary} recognizes. Unlike
   * {@code Files.createTempFile} it gets the default permissions (the umask's), which the written file then keeps.
   *
   * @param directory the target's folder
   * @param name      the target's file name
   * @return the new, empty temporary file
   * @throws IOException if it cannot be created
   */
  public static Path createTemporary(Path directory, String name) throws IOException {
    while (true) {
      Path temp = directory.resolve("." + name + "." + Long.toUnsignedString(
          ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // taken: try another name
      }
    }
  }

  /** Makes the rename durable where the platform allows syncing a directory (Linux, macOS); elsewhere a no-op. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Opening a directory is not supported on every platform (Windows); the file itself is already forced.
    }
  }

  /** Counts bytes on their way out and tells the {@link WriteHook}. */
  private static final class Hooked extends FilterOutputStream {
    private final WriteHook hook;
    private long written;

    Hooked(OutputStream out, WriteHook hook, long alreadyWritten) {
      super(out);
      this.hook = hook;
      this.written = alreadyWritten;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      hook.written(++written);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      hook.written(written);
    }
  }
}
