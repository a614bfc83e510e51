package dev.convnet.onnx;

import dev.convnet.runtime.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes files so that a failure leaves nothing half-written: each file goes to a temporary file beside its target,
 * forced to disk, then renamed over the target (temporary files named as the runtime's {@link AtomicFile} names them,
 * so its clean-up finds them). {@link #writeAll} writes every temporary file before it renames any.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes one file's bytes. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes one file atomically. */
  public static void write(Path file, Content content) throws IOException {
    Map<Path, Content> one = new LinkedHashMap<>();
    one.put(file, content);
    writeAll(one);
  }

  /**
   * Writes several files: all temporary files first (a failure there removes them and leaves every target as it
   * was), then the renames.
   */
  public static void writeAll(Map<Path, Content> files) throws IOException {
    List<Path[]> done = new ArrayList<>();
    try {
      for (Map.Entry<Path, Content> e : files.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          throw new IOException("cannot write " + target + ": " + parent + " is not a directory");
        }
        Path temp = AtomicFile.createTemporary(parent, target.getFileName().toString());
        done.add(new Path[] {temp, target});
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
          e.getValue().writeTo(out);
          out.flush();
          channel.force(true);
        }
      }
      for (Path[] d : done) {
        try {
          Files.move(d[0], d[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(d[0], d[1], StandardCopyOption.REPLACE_EXISTING);
        }
      }
      done.clear();
    } finally {
      for (Path[] d : done) {
        Files.deleteIfExists(d[0]);
      }
    }
  }
}
