package dev.convnet.examples.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using it in your own project": a tiny separate Maven project (a network interface and a main class
 * that trains it and saves a model) builds against the installed convnet artifacts on the running JDK, once with the
 * processor on {@code annotationProcessorPaths} (the JDK 23+ way, the README's pom) and once found on the class
 * path, and runs.
 *
 * <p>The artifacts this build just packaged (annotations, runtime, processor and the parent pom) are installed into
 * a private local repository in a temporary folder — never into {@code ~/.m2}. Everything else (Maven plugins,
 * JavaPoet) is read from {@code ~/.m2/repository} (or {@code -Dconvnet.sharedRepository=DIR}) as a file repository,
 * read-only and with snapshots off, so no network is used and no other build's convnet snapshot can leak in.
 * Skipped, with the reason, only where {@code mvn} is not on the PATH.
 */
class OwnProjectBuildTest {
  private static final long TIMEOUT_SECONDS = 600;
  private static final List<String> MODULES = List.of("annotations", "runtime", "processor");

  @Test
  void aTinyProjectBuildsAgainstTheInstalledArtifactsAndRuns(@TempDir Path tmp) throws Exception {
    Path mvn = onPath(File.separatorChar == '\\' ? "mvn.cmd" : "mvn");
    Assumptions.assumeTrue(mvn != null, "OwnProjectBuildTest SKIPPED: 'mvn' is not on the PATH, so the README's"
        + " own-project build cannot be tried here");
    String version = System.getProperty("convnet.version");
    assertTrue(version != null && !version.isBlank(), "the build passes -Dconvnet.version (surefire configuration)");
    Path root = Path.of("").toAbsolutePath().getParent();
    Path repo = tmp.resolve("repo");
    install(root.resolve("pom.xml"), null, repo, "convnet-parent", version);
    for (String module : MODULES) {
      Path jar = root.resolve(module).resolve("target").resolve("convnet-" + module + "-" + version + ".jar");
      assertTrue(Files.isRegularFile(jar), jar + " is missing: run this test through the reactor (mvn verify)");
      install(root.resolve(module).resolve("pom.xml"), jar, repo, "convnet-" + module, version);
    }
    try (JarFile runtime = new JarFile(repo.resolve(artifactDir("convnet-runtime", version))
        .resolve("convnet-runtime-" + version + ".jar").toFile())) {
      assertEquals("dev.convnet.runtime", runtime.getManifest().getMainAttributes().getValue(
          "Automatic-Module-Name"));
    }

    Path project = tmp.resolve("own-project");
    copyProject(project, version, Runtime.version().feature() >= 23 ? "<arg>-proc:full</arg>" : "");
    Path shared = Path.of(System.getProperty("convnet.sharedRepository",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path settings = Files.writeString(tmp.resolve("settings.xml"), settings(shared), StandardCharsets.UTF_8);

    Result build = exec(project, List.of(mvn.toString(), "-B", "-q", "-s", settings.toString(),
        "-Dmaven.repo.local=" + repo, "compile"));
    assertEquals(0, build.status, "the own project did not build:\n" + build.output);

    String classPath = String.join(File.pathSeparator,
        repo.resolve(artifactDir("convnet-runtime", version)).resolve("convnet-runtime-" + version + ".jar")
            .toString(),
        repo.resolve(artifactDir("convnet-annotations", version)).resolve("convnet-annotations-" + version + ".jar")
            .toString());
    for (String module : List.of("processor-path", "class-path")) {
      Path classes = project.resolve(module).resolve("target").resolve("classes");
      assertTrue(Files.isRegularFile(classes.resolve("com/example/TinyNetNet.class")), module
          + ": the processor did not generate TinyNetNet");
      Result run = exec(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          classes + File.pathSeparator + classPath, "com.example.Main"));
      assertEquals(0, run.status, module + ":\n" + run.output);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("TinyNet 151 parameters, accuracy ([0-9.]+),"
          + " model \\d+ bytes").matcher(run.output);
      assertTrue(m.find(), module + ": " + run.output);
      assertTrue(Double.parseDouble(m.group(1)) > 0.9, module + " did not learn: " + run.output);
    }
  }

  private static String artifactDir(String artifact, String version) {
    return "dev/convnet/" + artifact + "/" + version;
  }

  /** Installs a pom (and jar) as {@code mvn install} lays them out in a local repository. */
  private static void install(Path pom, Path jar, Path repo, String artifact, String version) throws IOException {
    Path dir = Files.createDirectories(repo.resolve(artifactDir(artifact, version)));
    Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
    if (jar != null) {
      Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
    }
  }

  private static void copyProject(Path target, String version, String procFull) throws IOException,
      URISyntaxException {
    Path source = Path.of(OwnProjectBuildTest.class.getResource("/own-project").toURI());
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.toList()) {
        Path to = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          String text = Files.readString(f, StandardCharsets.UTF_8).replace("@convnet.version@", version)
              .replace("@proc.full@", procFull);
          Files.writeString(to, text, StandardCharsets.UTF_8);
        }
      }
    }
  }

  /** Central replaced by the shared local repository as a read-only file repository, without snapshots. */
  private static String settings(Path shared) {
    String url = shared.toUri().toString();
    String repository = """
            <id>central</id>
            <url>%s</url>
            <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
            <snapshots><enabled>false</enabled></snapshots>
        """.formatted(url);
    return """
        <settings>
          <profiles>
            <profile>
              <id>shared-repository</id>
              <repositories><repository>
        %s      </repository></repositories>
              <pluginRepositories><pluginRepository>
        %s      </pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>shared-repository</activeProfile></activeProfiles>
        </settings>
        """.formatted(repository, repository);
  }

  private record Result(int status, String output) {}

  private static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
