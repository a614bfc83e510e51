package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a network's dropout random streams where the single-machine trainer's worker {@code t} has them after it has
 * run {@code samples} training samples, so that a Spark task draws exactly the masks that worker draws — whichever
 * executor thread runs it, and however often it is retried.
 *
 * <p>This reads the generated code's convention (checked by {@code SparkTrainerTest} against {@code Trainer}): each
 * dropout layer {@code L} keeps its SplitMix64 state in a {@code long} field {@code L$random}, seeded with
 * {@code seed ^ (stream × 0x9E3779B97F4A7C15)} where {@code stream} is the worker's index, and advanced by
 * {@code 0x9E3779B97F4A7C15} for each of the layer's output values of each training sample. A network without
 * dropout has no such field and nothing is done. (A runtime method to get and set these states would replace this.)
 */
final class RandomStreams {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final Map<Class<?>, List<Stream>> STREAMS = new ConcurrentHashMap<>();

  private RandomStreams() {}

  private record Stream(Field field, long seed, long drawsPerSample) {}

  /**
   * Sets every dropout stream of {@code net} (a network's own instance, worker 0) to where worker {@code worker}'s
   * would be after {@code samples} training samples.
   */
  static void position(CompiledNetwork net, int worker, long samples) {
    for (Stream s : streams(net)) {
      long state = (s.seed ^ (worker * GOLDEN)) + samples * s.drawsPerSample * GOLDEN;
      try {
        s.field.setLong(net, state);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot set the dropout stream " + s.field, e);
      }
    }
  }

  /** Whether the network has dropout streams. */
  static boolean any(CompiledNetwork net) {
    return !streams(net).isEmpty();
  }

  private static List<Stream> streams(CompiledNetwork net) {
    return STREAMS.computeIfAbsent(net.getClass(), c -> find(net));
  }

  private static List<Stream> find(CompiledNetwork net) {
    List<Stream> out = new ArrayList<>();
    CompiledNetwork fresh = NetworkClasses.instantiate(net.getClass().getName(), null);
    for (Field f : net.getClass().getDeclaredFields()) {
      if (f.getType() != long.class || Modifier.isStatic(f.getModifiers()) || !f.getName().endsWith("$random")) {
        continue;
      }
      String layer = f.getName().substring(0, f.getName().length() - "$random".length());
      LayerInfo info = net.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow(
          () -> new IllegalStateException("random stream " + f.getName() + " of " + net.getClass().getName()
              + " names no layer"));
      f.setAccessible(true);
      try {
        out.add(new Stream(f, f.getLong(fresh), info.outputShape().size()));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read the dropout stream " + f, e);
      }
    }
    return List.copyOf(out);
  }
}
