package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and instantiates generated network classes by name, so that a model file (which records the network's
 * name and architecture fingerprint, not its Java class) can be run on an executor that only receives a class name.
 *
 * <p>Candidates are the classes listed, one fully qualified name a line ({@code #} starts a comment), in every
 * {@code META-INF/convnet/networks} resource on the class path (this module lists the examples' LeNet-5, LeNet-1998,
 * small ResNet and small DenseNet; a user's jar adds its own file), plus any class names the caller gives. A class
 * matches a model when its {@link CompiledNetwork#name()} and {@link CompiledNetwork#fingerprint()} are the file's.
 */
public final class NetworkClasses {
  /** The resource that lists generated network classes. */
  public static final String RESOURCE = "META-INF/convnet/networks";

  private NetworkClasses() {}

  /** The class names listed in every {@link #RESOURCE} on the context class path, in class-path order. */
  public static List<String> listed() {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> urls = loader().getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the network lists " + RESOURCE + ": " + e.getMessage(), e);
    }
    return new ArrayList<>(names);
  }

  /**
   * The class among {@code extra} and the {@link #listed()} ones whose network has this name and fingerprint.
   *
   * @throws IllegalArgumentException if none has, naming the candidates and what each one is
   */
  public static String forModel(String network, String fingerprint, Collection<String> extra) {
    Set<String> candidates = new LinkedHashSet<>(extra);
    candidates.addAll(listed());
    List<String> seen = new ArrayList<>();
    for (String name : candidates) {
      CompiledNetwork net;
      try {
        net = instantiate(name, null);
      } catch (IllegalArgumentException e) {
        seen.add(name + " (" + e.getMessage() + ")");
        continue;
      }
      if (net.name().equals(network) && net.fingerprint().equals(fingerprint)) {
        return name;
      }
      seen.add(name + " (network '" + net.name() + "', fingerprint " + net.fingerprint() + ")");
    }
    throw new IllegalArgumentException("no generated class on the class path is network '" + network
        + "' with fingerprint " + fingerprint + "; tried " + (seen.isEmpty() ? "none" : String.join(", ", seen))
        + ". List the class in a " + RESOURCE + " resource of your jar or name it explicitly");
  }

  /**
   * A new instance of a generated network class computing with {@code parameters}, or with fresh zero parameters
   * of its layout when {@code parameters} is null.
   *
   * @throws IllegalArgumentException if the class is missing, not a {@link CompiledNetwork} or has no
   *                                  {@code (Parameters)} constructor
   */
  public static CompiledNetwork instantiate(String className, Parameters parameters) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException("class " + className + " is not on the class path (" + e + ")");
    }
    if (!CompiledNetwork.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("class " + className + " is not a generated network (a CompiledNetwork)");
    }
    try {
      Parameters p = parameters != null ? parameters : new Parameters(layout(type));
      Constructor<?> c = type.getConstructor(Parameters.class);
      return (CompiledNetwork) c.newInstance(p);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new IllegalArgumentException("class " + className + " has no public (Parameters) constructor", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalArgumentException("constructing " + className + " failed: " + cause, cause);
    }
  }

  private static ParameterLayout layout(Class<?> type) throws IllegalAccessException {
    try {
      Field f = type.getField("LAYOUT");
      return (ParameterLayout) f.get(null);
    } catch (NoSuchFieldException | ClassCastException e) {
      throw new IllegalArgumentException("class " + type.getName() + " has no public static LAYOUT field");
    }
  }

  private static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : NetworkClasses.class.getClassLoader();
  }
}
