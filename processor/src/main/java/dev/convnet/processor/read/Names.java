package dev.convnet.processor.read;

/** How layer names become Java identifiers in generated code. */
public final class Names {
  private Names() {}

  /** {@code c1} → {@code C1}, {@code convBlock} → {@code CONV_BLOCK}, {@code f_6} → {@code F_6}. */
  public static String constant(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))
          && name.charAt(i - 1) != '_') {
        b.append('_');
      }
      b.append(Character.toUpperCase(c));
    }
    return b.toString();
  }

  /** {@code c1} → {@code C1}: a name usable inside camel-case identifiers such as {@code forwardC1}. */
  public static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
