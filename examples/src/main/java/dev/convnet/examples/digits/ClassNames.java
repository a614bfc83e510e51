package dev.convnet.examples.digits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The class names a trained model records: from {@code --classes} ({@code digits}, {@code fashion} or a list), else
 * from a {@code classes.txt} beside the data (one name per line), else the digits 0-9. Never guessed from a folder's
 * name.
 */
final class ClassNames {
  static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
      "Shirt", "Sneaker", "Bag", "Ankle boot");
  static final String FILE = "classes.txt";

  private ClassNames() {}

  /** Checks a {@code --classes} value; returns it. */
  static String checkSpec(String spec) throws UsageException {
    parse(spec);
    return spec;
  }

  private static List<String> parse(String spec) throws UsageException {
    String key = spec.trim().toLowerCase(Locale.ROOT);
    if (key.equals("digits")) {
      return DIGITS;
    }
    if (key.equals("fashion")) {
      return FASHION;
    }
    List<String> names = Arrays.stream(spec.split(",", -1)).map(String::trim).toList();
    return checked(names, "--classes '" + spec + "'");
  }

  private static List<String> checked(List<String> names, String where) throws UsageException {
    if (names.size() < 2 || names.stream().anyMatch(String::isEmpty)) {
      throw new UsageException(where + ": give digits, fashion, or at least two non-empty names separated by"
          + " commas");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new UsageException(where + ": a class name appears twice");
    }
    return names;
  }

  /**
   * The names for a run.
   *
   * @param spec    {@code --classes}, or null
   * @param data    the data directory, or null for the bundled digits
   * @param classes the number of outputs the names must cover
   */
  static List<String> resolve(String spec, Path data, int classes) throws UsageException, IOException {
    List<String> names;
    String where;
    if (spec != null) {
      names = parse(spec);
      where = "--classes";
    } else if (data != null && Files.isRegularFile(data.resolve(FILE))) {
      names = checked(Files.readAllLines(data.resolve(FILE), StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(s -> !s.isEmpty()).toList(), data.resolve(FILE).toString());
      where = data.resolve(FILE).toString();
    } else {
      names = DIGITS;
      where = "the default (digits)";
    }
    if (names.size() != classes) {
      throw new UsageException(where + " names " + names.size() + " classes but the network has " + classes
          + " outputs");
    }
    return names;
  }
}
