package dev.convnet.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Moves files between this JVM's local disk and any Hadoop-compatible file system ({@code file:}, {@code hdfs:},
 * {@code s3a:}, ...), so that the runtime's file formats (model files, checkpoints), which write and read local
 * {@link Path}s atomically and with checksums, can live on a cluster's storage unchanged.
 *
 * <p>Writes go to a temporary name beside the target and are renamed into place, so a reader never sees half a file.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** The Hadoop path of a string: a URI ({@code hdfs://...}) or a local path. */
  public static org.apache.hadoop.fs.Path path(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a file location must not be empty");
    }
    return new org.apache.hadoop.fs.Path(location);
  }

  /** A local copy of a (possibly remote) file; the caller deletes it. */
  public static Path fetch(String location, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path source = path(location);
    FileSystem fs = source.getFileSystem(conf);
    if (!fs.exists(source)) {
      throw new java.io.FileNotFoundException(location + ": no such file");
    }
    if (fs.getFileStatus(source).isDirectory()) {
      throw new IOException(location + " is a directory, not a file");
    }
    Path local = Files.createTempFile("convnet-", "-" + source.getName());
    Files.delete(local); // copyToLocalFile refuses to overwrite
    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
    return local;
  }

  /**
   * Publishes a local file at {@code location}: copied to a temporary name in the target's folder, then renamed
   * over the target (an existing target is replaced; the folder is created).
   */
  public static void publish(Path local, String location, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path target = path(location);
    FileSystem fs = target.getFileSystem(conf);
    org.apache.hadoop.fs.Path parent = target.getParent();
    if (parent != null) {
      if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
        throw new IOException("cannot write " + location + ": " + parent + " is a file, not a folder");
      }
      fs.mkdirs(parent);
    }
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      throw new IOException("cannot write " + location + ": it is a folder");
    }
    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(parent, "." + target.getName() + "."
        + Long.toUnsignedString(System.nanoTime(), 36) + ".tmp");
    boolean done = false;
    try {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), temp);
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("cannot rename " + temp + " to " + location);
      }
      done = true;
    } finally {
      if (!done) {
        fs.delete(temp, false);
      }
      // the local file system's checksum side file of the temporary name, if any
      fs.delete(new org.apache.hadoop.fs.Path(parent, "." + temp.getName() + ".crc"), false);
    }
  }

  /** Whether a file or folder exists at {@code location}. */
  public static boolean exists(String location, Configuration conf) {
    try {
      org.apache.hadoop.fs.Path p = path(location);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a local temporary file, ignoring failure. */
  static void deleteQuietly(Path local) {
    if (local != null) {
      try {
        Files.deleteIfExists(local);
        Files.deleteIfExists(local.resolveSibling("." + local.getFileName() + ".crc"));
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
