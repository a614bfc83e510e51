package dev.convnet.onnx.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command line: positional arguments, {@code --option value} pairs and {@code --flag}s, checked against a command. */
final class Arguments {
  final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  Arguments(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        positional.add(a);
      } else if (flags.contains(a)) {
        options.put(a, "true");
      } else if (valued.contains(a)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(a + " needs a value");
        }
        if (options.put(a, args.get(++i)) != null) {
          throw new UsageException(a + " is given twice");
        }
      } else {
        throw new UsageException("unknown option " + a + "; this command takes " + valued + " " + flags);
      }
    }
  }

  String get(String option, String dflt) {
    return options.getOrDefault(option, dflt);
  }

  String required(String option) throws UsageException {
    String v = options.get(option);
    if (v == null) {
      throw new UsageException("missing " + option);
    }
    return v;
  }

  Path path(String option) throws UsageException {
    return Path.of(required(option));
  }

  boolean flag(String option) {
    return options.containsKey(option);
  }

  boolean has(String option) {
    return options.containsKey(option);
  }
}
