package dev.convnet.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Measured figures as Markdown table rows in {@code target/NAME.md}, for the README (header written once per run). */
public final class Figures {
  private final Path file;

  public Figures(String name, String header) {
    this.file = Path.of("target", name + ".md");
    int columns = header.split("\\|").length - 1;
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, List.of(header, "|" + " --- |".repeat(Math.max(1, columns))), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void row(String row) {
    try {
      Files.write(file, List.of(row), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
