package dev.convnet.processor.emit;

/**
 * The last touch on a generated source's text: comment lines (Javadoc and {@code //}) longer than the limit are
 * wrapped at spaces, continuing with the same prefix. Code lines are wrapped by JavaPoet where emitters allow it.
 */
public final class GeneratedText {
  /** The longest line a generated source should have. */
  public static final int LIMIT = 120;

  private GeneratedText() {}

  public static String wrapComments(String source) {
    StringBuilder out = new StringBuilder(source.length() + 256);
    for (String line : source.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.length() <= LIMIT ? line : wrap(line));
    }
    return out.toString();
  }

  private static String wrap(String line) {
    String trimmed = line.stripLeading();
    String indent = line.substring(0, line.length() - trimmed.length());
    String prefix;
    if (trimmed.startsWith("* ")) {
      prefix = indent + "* ";
    } else if (trimmed.startsWith("// ")) {
      prefix = indent + "// ";
    } else {
      return line;
    }
    StringBuilder b = new StringBuilder();
    String rest = line;
    while (rest.length() > LIMIT) {
      int cut = rest.lastIndexOf(' ', LIMIT);
      if (cut <= prefix.length()) {
        break; // one word longer than the line: leave it
      }
      b.append(rest, 0, cut).append('\n');
      rest = prefix + rest.substring(cut + 1);
    }
    return b.append(rest).toString();
  }
}
