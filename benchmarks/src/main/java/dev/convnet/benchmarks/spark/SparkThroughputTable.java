package dev.convnet.benchmarks.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link SparkThroughput}'s result lines into the README's table: samples/s of training (steps only) and
 * inference per network and place, the overhead per synchronous step against Trainer with as many threads as
 * shards, the epoch's setup time (reading the rows, laying the epoch out), and the scaling efficiency (throughput
 * over the throughput on one core times the cores).
 */
public final class SparkThroughputTable {
  private SparkThroughputTable() {}

  public static void main(String[] args) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, String> r = new LinkedHashMap<>();
      for (String kv : line.split(" (?=[a-zA-Z]+=)")) {
        int eq = kv.indexOf('=');
        r.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      rows.add(r);
    }
    System.out.println("| network | where | train samples/s | step ms | overhead ms/step | epoch setup s | "
        + "train scaling | infer samples/s | infer scaling |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Map<String, String> r : rows) {
      String net = r.get("net");
      boolean spark = r.get("mode").equals("spark");
      int cores = spark ? Integer.parseInt(r.get("shards"))
          : Integer.parseInt(r.get("where").replaceAll("\\D", ""));
      Map<String, String> single = find(rows, net, "trainer", 1);
      Map<String, String> same = find(rows, net, "trainer", cores);
      Map<String, String> oneCore = spark ? findSpark(rows, net, "local[1]") : single;
      double train = d(r, "trainSamplesPerSecond");
      double infer = d(r, "inferSamplesPerSecond");
      String overhead = spark && same != null
          ? String.format(Locale.ROOT, "%.1f", d(r, "stepMs") - d(same, "stepMs")) : "–";
      String setup = spark ? String.format(Locale.ROOT, "%.1f", d(r, "setupSeconds")) : "–";
      System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %s | %s | %s | %,.0f | %s |%n", net, r.get("where"),
          train, d(r, "stepMs"), overhead, setup, scaling(train, oneCore, "trainSamplesPerSecond", cores), infer,
          scaling(infer, oneCore, "inferSamplesPerSecond", cores));
    }
  }

  private static String scaling(double value, Map<String, String> oneCore, String key, int cores) {
    if (oneCore == null || cores == 1) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.0f%%", 100 * value / (cores * d(oneCore, key)));
  }

  private static Map<String, String> find(List<Map<String, String>> rows, String net, String mode, int threads) {
    for (Map<String, String> r : rows) {
      if (r.get("net").equals(net) && r.get("mode").equals(mode)
          && r.get("where").equals("Trainer.threads(" + threads + ")")) {
        return r;
      }
    }
    return null;
  }

  private static Map<String, String> findSpark(List<Map<String, String>> rows, String net, String where) {
    for (Map<String, String> r : rows) {
      if (r.get("net").equals(net) && r.get("mode").equals("spark") && r.get("where").equals(where)) {
        return r;
      }
    }
    return null;
  }

  private static double d(Map<String, String> r, String key) {
    return Double.parseDouble(r.get(key));
  }
}
