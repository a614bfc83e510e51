package dev.convnet.examples.digits;

import dev.convnet.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The folder a training run writes: a new one per run by default ({@code runs/NET-DATA-yyyyMMdd-HHmmss}, with
 * {@code -2}, {@code -3} … when taken), or the one {@code --out} names (new or empty), or the one {@code --resume}
 * continues. Before any training it is checked (a folder, writable, with room for what the run writes) and locked,
 * so two jobs never write the same folder; temporary files a killed job left are removed. {@link #close} releases
 * the lock.
 */
final class RunFolder implements AutoCloseable {
  static final Path DEFAULT_PARENT = Path.of("runs");
  static final String LOCK = ".lock";
  static final String CHECKPOINT = "checkpoint.ckpt";
  static final String BEST = "best.model";
  static final String REPORT = "report.html";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  Path dir() {
    return dir;
  }

  Path resolve(String name) {
    return dir.resolve(name);
  }

  /**
   * A new run folder: {@code out} if given (created if missing; it must then be empty), else a new folder under
   * {@code runs/} named by network, data set and time.
   *
   * @param bytesNeeded what the run will write, checked against the free space
   */
  static RunFolder create(Path out, String net, String dataName, long bytesNeeded) throws UsageException,
      IOException {
    if (out != null) {
      Path dir = out.toAbsolutePath().normalize();
      checkCanBeFolder(dir, "--out");
      boolean made = false;
      if (!Files.exists(dir)) {
        createDirectories(dir, "--out");
        made = true;
      }
      RunFolder folder = lock(dir, "--out");
      try {
        if (!made) {
          List<String> present = listing(dir);
          if (!present.isEmpty()) {
            throw new UsageException("--out " + out + " already holds " + describe(present) + "; give a new or"
                + " empty folder, or continue that run with --resume " + out);
          }
        }
        folder.checkSpace(bytesNeeded, "--out " + out);
        return folder;
      } catch (UsageException | IOException | RuntimeException e) {
        folder.close();
        throw e;
      }
    }
    Path parent = DEFAULT_PARENT.toAbsolutePath();
    checkCanBeFolder(parent, "the runs folder");
    createDirectories(parent, "the runs folder");
    String base = slug(net) + "-" + slug(dataName) + "-" + LocalDateTime.now().format(TIME);
    for (int n = 1; ; n++) {
      Path dir = parent.resolve(n == 1 ? base : base + "-" + n);
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        continue; // another run of the same second: take the next name
      } catch (AccessDeniedException e) {
        throw new UsageException("cannot create a run folder in " + parent + ": permission denied (the folder is"
            + " not writable); choose another place with --out DIR");
      }
      RunFolder folder = lock(dir, "run folder");
      try {
        folder.checkSpace(bytesNeeded, "run folder " + dir);
        return folder;
      } catch (UsageException | RuntimeException e) {
        folder.close();
        Files.deleteIfExists(dir);
        throw e;
      }
    }
  }

  /** The folder of an earlier run, to continue: it must hold a checkpoint; locked, and left temporaries removed. */
  static RunFolder resume(Path dir) throws UsageException, IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new UsageException("--resume " + dir + (Files.exists(abs) ? " is a file, not a run folder"
          : " does not exist"));
    }
    if (!Files.isRegularFile(abs.resolve(CHECKPOINT))) {
      throw new UsageException("--resume " + dir + " holds no " + CHECKPOINT + "; it is not a run folder of this"
          + " job (or the run stopped before its first checkpoint: start it again)");
    }
    RunFolder folder = lock(abs, "--resume");
    try {
      AtomicFile.deleteLeftTemporaries(abs);
      return folder;
    } catch (IOException e) {
      folder.close();
      throw e;
    }
  }

  private static void checkCanBeFolder(Path dir, String what) throws UsageException {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new UsageException(what + " " + dir + (p.equals(dir) ? " is a file, not a folder"
            : ": " + p + " is a file, not a folder") + "; give a folder path");
      }
    }
  }

  private static void createDirectories(Path dir, String what) throws UsageException, IOException {
    try {
      Files.createDirectories(dir);
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot create " + what + " " + dir + ": permission denied ("
          + existingAncestor(dir) + " is not writable)");
    } catch (FileSystemException e) {
      throw new UsageException("cannot create " + what + " " + dir + ": " + reason(e));
    }
  }

  private static Path existingAncestor(Path dir) {
    Path p = dir;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }

  /** Takes the folder's lock (creating {@code .lock}, which proves the folder writable). */
  private static RunFolder lock(Path dir, String what) throws UsageException, IOException {
    Path file = dir.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      throw new UsageException(what + " " + dir + " is not writable (permission denied)");
    } catch (FileSystemException e) {
      throw new UsageException(what + " " + dir + " cannot be written: " + reason(e));
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new UsageException(what + " " + dir + " is in use by another job" + holder + "; wait for it to end or"
          + " choose another folder");
    }
    String me = "pid " + ProcessHandle.current().pid() + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
    return new RunFolder(dir, channel, lock);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(64);
      int n = channel.read(b, 0);
      String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? "" : " (" + s + ")";
    } catch (IOException e) {
      return "";
    }
  }

  /** Checks the free space of the folder's file system against what the run will write. */
  void checkSpace(long bytesNeeded, String what) throws UsageException, IOException {
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < bytesNeeded) {
      throw new UsageException(String.format(Locale.ROOT, "%s: only %.1f MB free, the run writes about %.1f MB"
          + " (model, best model, checkpoint, report); free some space or choose another --out", what,
          free / 1e6, bytesNeeded / 1e6));
    }
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LOCK)).sorted().toList();
    }
  }

  private static String describe(List<String> names) {
    List<String> shown = names.subList(0, Math.min(4, names.size()));
    return String.join(", ", shown) + (names.size() > shown.size() ? " and " + (names.size() - shown.size())
        + " more" : "");
  }

  private static String reason(FileSystemException e) {
    return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }

  /** A name part made of letters, digits, '.', '_' and '-'. */
  static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return t.isEmpty() ? "data" : t.length() > 40 ? t.substring(0, 40) : t;
  }

  /**
   * Releases the lock (the {@code .lock} file stays: deleting it would let a job that opened it meanwhile lock a file
   * no one else sees); also removes temporaries left by a failed write.
   */
  @Override
  public void close() throws IOException {
    try {
      AtomicFile.deleteLeftTemporaries(dir);
    } catch (NoSuchFileException e) {
      // the folder is gone
    } finally {
      lock.release();
      lockChannel.close();
    }
  }
}
