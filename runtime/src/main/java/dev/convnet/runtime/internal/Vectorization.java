package dev.convnet.runtime.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Whether generated networks take their Vector API kernels, decided once per JVM as Lucene's
 * {@code VectorizationProvider} does: when the incubating module {@code jdk.incubator.vector} is readable (the JVM
 * runs with {@code --add-modules jdk.incubator.vector}) and {@code -Dconvnet.vector=false} is not given. Otherwise
 * networks run their plain Java kernels, which compute the same layers, and one {@link System.Logger} line (INFO)
 * says how to enable the fast path.
 */
public final class Vectorization {
  /** The system property that turns the Vector API kernels off ({@code false}) even when the module is readable. */
  public static final String PROPERTY = "convnet.vector";

  /** The incubating module the Vector API kernels need. */
  public static final String MODULE = "jdk.incubator.vector";
  private static final String ELEMENTS_IMPLEMENTATION = "dev.convnet.runtime.internal.vector.VectorElementKernels";
  private static final String IMPLEMENTATION = "dev.convnet.runtime.internal.vector.VectorBlockedConv";
  private static final String PATCH_IMPLEMENTATION = "dev.convnet.runtime.internal.vector.PatchConv";
  private static final String POOL_IMPLEMENTATION = "dev.convnet.runtime.internal.vector.VectorMaxPool";

  /**
   * The decision, made (and logged) when first asked for, not when the class loads: asking only for
   * {@link #switchedOff()} or the names here detects nothing (a launcher deciding whether to start another JVM).
   */
  private static final class Decision {
    static final boolean ENABLED = detect();
    static final int LANES = ENABLED ? readLanes() : 0;
  }

  private Vectorization() {}

  /** Whether {@code -Dconvnet.vector=false} turns the Vector API kernels off. */
  public static boolean switchedOff() {
    return "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
  }

  /** Whether the Vector API kernels run in this JVM. */
  public static boolean enabled() {
    return Decision.ENABLED;
  }

  /** The lanes of the preferred float vector ({@code L}: 16 with AVX-512, 8 with AVX2), 0 when not {@link #enabled()}. */
  public static int lanes() {
    return Decision.LANES;
  }

  /** Asks the kernels, once, for their vector's lanes. */
  private static int readLanes() {
    try {
      return (int) Class.forName(IMPLEMENTATION).getMethod("lanes").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Vector API kernels are on the class path but cannot be read", e);
    }
  }

  /**
   * The blocked kernels of a square {@code k×k} convolution with stride {@code stride} and zero padding {@code pad}
   * on every side, from {@code in} maps of {@code height × width} to {@code out} maps, with a bias or not; or null when
   * the Vector API is not {@linkplain #enabled() enabled} or the layer does not fit the blocks of this machine's
   * vectors (then the caller runs its plain kernels).
   *
   * @throws IllegalArgumentException when the channels fit but the kernels cannot do the geometry (a kernel larger
   *     than 3, a stride above 2, a padding that needs a border wider than 1, an input smaller than the window)
   */
  public static BlockedConv blockedConv(int in, int out, int height, int width, int k, int stride, int pad) {
    if (!Decision.ENABLED || !fits(in, out, Decision.LANES)) {
      return null;
    }
    return (BlockedConv) make(IMPLEMENTATION, new Class<?>[] {int.class, int.class, int.class, int.class, int.class, int.class,
        int.class}, in, out, height, width, k, stride, pad);
  }

  /**
   * The patch (im2col) kernels of any convolution, made for layers with few input channels or a large kernel (a
   * ResNet's 7×7 stride-2 stem): {@code in} maps of {@code height × width}, a {@code kh × kw} kernel with strides
   * {@code strideH, strideW}, {@code padH} zero rows above and {@code padW} zero columns left (positions outside the
   * input read 0, so the padding below and right is whatever {@code outH × outW} imply), dilations
   * {@code dilationH, dilationW}, to {@code out} maps of {@code outH × outW}. Null when the Vector API is not
   * {@linkplain #enabled() enabled} or {@code out} is not a multiple of the vectors' {@link #lanes()} (then the
   * caller runs its plain kernels).
   *
   * @throws IllegalArgumentException when {@code out} fits but the geometry does not: sizes below 1, a padding below
   *     0, or patches of one sample above 2^25 floats ({@code ⌈in·kh·kw⌉_L · outH · outW})
   */
  public static BlockedConv patchConv(int in, int out, int height, int width, int kh, int kw, int strideH,
                                      int strideW, int padH, int padW, int dilationH, int dilationW, int outH,
                                      int outW) {
    if (!Decision.ENABLED || Decision.LANES <= 0 || out % Decision.LANES != 0) {
      return null;
    }
    Class<?>[] types = new Class<?>[14];
    Arrays.fill(types, int.class);
    return (BlockedConv) make(PATCH_IMPLEMENTATION, types, in, out, height, width, kh, kw, strideH, strideW, padH, padW,
        dilationH, dilationW, outH, outW);
  }

  /**
   * The blocked max pooling of a frozen copy ({@link BlockedPool}): {@code channels} maps of {@code height × width},
   * {@code kh × kw} windows with strides {@code strideH, strideW}, {@code padH} rows above and {@code padW} columns
   * left (padding never wins), to {@code outH × outW}. Null when the Vector API is not {@linkplain #enabled()
   * enabled} or {@code channels} is not a multiple of the vectors' {@link #lanes()} (then the caller runs its plain
   * pooling).
   *
   * @throws IllegalArgumentException when the channels fit but the geometry does not: a padding of a whole window or
   *     more, or an output window outside the input
   */
  public static BlockedPool maxPool(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                                    int padH, int padW, int outH, int outW) {
    if (!Decision.ENABLED || Decision.LANES <= 0 || channels % Decision.LANES != 0) {
      return null;
    }
    Class<?>[] types = new Class<?>[11];
    Arrays.fill(types, int.class);
    return (BlockedPool) make(POOL_IMPLEMENTATION, types, channels, height, width, kh, kw, strideH, strideW, padH,
        padW, outH, outW);
  }

  /** The element-wise Vector API kernels, or null when the Vector API is not {@linkplain #enabled() enabled}. */
  public static ElementKernels elementKernels() {
    if (!Decision.ENABLED) {
      return null;
    }
    try {
      return (ElementKernels) Class.forName(ELEMENTS_IMPLEMENTATION).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Vector API kernels are on the class path but cannot be made", e);
    }
  }

  /** Makes an instance of the implementation {@code name} reflectively, rethrowing its IllegalArgumentException. */
  private static Object make(String name, Class<?>[] types, Object... args) {
    try {
      Constructor<?> c = Class.forName(name).getConstructor(types);
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae; // a geometry the kernels cannot do: the constructor's own message
      }
      throw new IllegalStateException("the Vector API kernels are on the class path but cannot be made", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Vector API kernels are on the class path but cannot be made", e);
    }
  }

  /** Whether {@code in → out} channels fill whole blocks of {@code lanes}: both multiples of {@code L}. */
  static boolean fits(int in, int out, int lanes) {
    return lanes > 0 && in % lanes == 0 && out % lanes == 0;
  }

  private static boolean detect() {
    System.Logger log = System.getLogger("dev.convnet");
    if (switchedOff()) {
      log.log(System.Logger.Level.INFO, "convnet: -D" + PROPERTY + "=false: generated networks run their plain kernels");
      return false;
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      log.log(System.Logger.Level.INFO, "convnet: generated networks run their plain kernels; for the Vector API "
          + "kernels (several times faster on large convolutions) run java with --add-modules " + MODULE);
      return false;
    }
    return true;
  }
}
