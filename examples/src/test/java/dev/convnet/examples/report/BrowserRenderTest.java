package dev.convnet.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a generated report in a real headless Chromium (or Chrome) and checks the images decode and the charts
 * draw.
 *
 * <p>Uses the first browser found: {@code $CHROME_BIN}, {@code /usr/bin/chromium}, or {@code chromium},
 * {@code chromium-browser}, {@code google-chrome} on the PATH. Where none is installed the test is skipped, with a
 * banner on the console saying so and how to install one (a fresh machine with only a JDK and Maven passes
 * {@code mvn -B verify}); with {@code CONVNET_REQUIRE_BROWSER=1} (a system property or environment variable, set by
 * {@code .ci/run}, which installs Chromium) a missing browser fails the test instead, so CI never skips it.
 */
class BrowserRenderTest {
  static final String REQUIRE = "CONVNET_REQUIRE_BROWSER";
  private static final long TIMEOUT_SECONDS = 60;

  private static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = locate();
    if (chromium == null) {
      String message = "BrowserRenderTest SKIPPED: no headless browser found (looked for $CHROME_BIN,"
          + " /usr/bin/chromium and chromium, chromium-browser, google-chrome on PATH), so the report was not"
          + " rendered in a browser. Install one (Debian: apt-get install -y chromium) to run it; CI (.ci/run) sets "
          + REQUIRE + "=1 so that there it fails instead.";
      String require = System.getProperty(REQUIRE, System.getenv(REQUIRE));
      if ("1".equals(require) || "true".equalsIgnoreCase(require)) {
        fail(message.replace("SKIPPED", "FAILED"));
      }
      System.err.println("\n" + "*".repeat(100) + "\n" + message + "\n" + "*".repeat(100) + "\n");
      Assumptions.abort(message);
    }
  }

  static Path locate() {
    String bin = System.getenv("CHROME_BIN");
    if (bin != null && !bin.isBlank() && Files.isExecutable(Path.of(bin))) {
      return Path.of(bin);
    }
    Path debian = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        for (String dir : path.split(File.pathSeparator)) {
          if (!dir.isEmpty()) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
              return candidate;
            }
          }
        }
      }
    }
    return null;
  }

  @Test
  void reportRendersImagesAndCharts(@TempDir Path dir) throws Exception {
    Path report = ReportFixtures.report().write(dir.resolve("report.html"));
    String html = Files.readString(report);
    int images = count(html, "<img ");
    assertEquals(ReportFixtures.IMAGES, images);

    // Both runs at once: each takes a second or two, mostly start-up.
    Path screenshot = dir.resolve("screenshot.png");
    Run dom = start(dir, "dom", report, "--dump-dom");
    Run shot = start(dir, "shot", report, "--screenshot=" + screenshot, "--window-size=1200,3000",
        "--hide-scrollbars");
    String dumped = dom.finish();
    shot.finish();

    Matcher check = Pattern.compile("data-render-check=\"([^\"]*)\"").matcher(dumped);
    assertTrue(check.find(), "the page's render check did not run; DOM starts with:\n"
        + dumped.substring(0, Math.min(600, dumped.length())) + "\nchromium stderr:\n" + dom.stderr());
    assertEquals("ok imgs=" + images + " charts=2 lines=4", check.group(1), "render check; chromium stderr:\n"
        + dom.stderr());

    assertTrue(Files.isRegularFile(screenshot), "no screenshot; chromium stderr:\n" + shot.stderr());
    BufferedImage png = ImageIO.read(screenshot.toFile());
    assertNotNull(png, "screenshot is not a PNG");
    assertEquals(1200, png.getWidth());
    assertEquals(3000, png.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < png.getHeight(); y += 3) {
      for (int x = 0; x < png.getWidth(); x += 3) {
        colours.add(png.getRGB(x, y) & 0xffffff);
      }
    }
    assertTrue(colours.size() > 50, "screenshot looks blank: " + colours.size() + " distinct colours");
  }

  /** A headless Chromium on {@code report}, with its own profile and no network chatter. */
  private static Run start(Path dir, String name, Path report, String... extra) throws IOException {
    Path profile = Files.createDirectories(dir.resolve("profile-" + name));
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
        "--disable-default-apps", "--mute-audio", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
    command.addAll(List.of(extra));
    command.add(report.toUri().toString());
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .directory(dir.toFile());
    builder.environment().put("HOME", dir.toString());
    return new Run(builder.start(), out, err, command);
  }

  private record Run(Process process, Path out, Path err, List<String> command) {
    String finish() throws Exception {
      boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
            + "\nstderr:\n" + stderr());
      }
      // Wait for helpers (zygote, renderer) so the temporary profile can be deleted.
      for (ProcessHandle child : process.descendants().toList()) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
      if (process.exitValue() != 0) {
        fail("chromium exited with " + process.exitValue() + ": " + String.join(" ", command) + "\nstderr:\n"
            + stderr());
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
