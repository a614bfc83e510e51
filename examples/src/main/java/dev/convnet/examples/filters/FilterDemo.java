package dev.convnet.examples.filters;

import dev.convnet.examples.report.Png;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.imageio.ImageIO;

/**
 * Runs fixed (frozen) 3×3 kernels over an 80×80 RGB picture and writes every stage as a PNG: {@link SobelEdges}
 * (input → Sobel-X → ReLU → 2×2 max pool, 3×80×80 → 1×78×78 → 1×78×78 → 1×39×39) and {@link NamedFilters} (sharpen,
 * edge, Sobel-X, Sobel-Y, identity, blur, emboss). Feature maps are min-max normalized to 0–255.
 *
 * <pre>
 *   java -cp convnet-examples.jar dev.convnet.examples.filters.FilterDemo [--image IN.png] [--out DIR]
 * </pre>
 *
 * Without {@code --image} it uses the bundled 80×80 scene; another picture is scaled to 80×80.
 */
public final class FilterDemo {
  /** The maps of {@link NamedFilters}, in filter order. */
  public static final List<String> FILTER_NAMES = List.of("sharpen", "edge", "sobel-x", "sobel-y", "identity", "blur",
      "emboss");
  static final String BUNDLED = "/dev/convnet/examples/filters/scene.png";
  static final int SIZE = 80;

  /** What a run wrote: the stage files in order, and the shapes line. */
  public record Result(List<Path> files, String shapes) {}

  private FilterDemo() {}

  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  /** Runs the command line; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(PrintStream out, String... args) {
    Path image = null;
    Path dir = Path.of("filters-out");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.println("usage: FilterDemo [--image IN.png] [--out DIR]  (default: the bundled 80×80 scene, ./filters-out)");
        return 0;
      }
      if ((a.equals("--image") || a.equals("--out")) && i + 1 < args.length) {
        Path p = Path.of(args[++i]);
        if (a.equals("--image")) {
          image = p;
        } else {
          dir = p;
        }
      } else {
        System.err.println("error: unknown or incomplete option '" + a + "'; use --image IN.png and --out DIR");
        return 2;
      }
    }
    try {
      Result r = run(read(image), dir);
      out.println(r.shapes());
      for (Path f : r.files()) {
        out.println("wrote " + f);
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  /** Runs both networks on an 80×80 picture and writes the PNGs into {@code dir}. */
  public static Result run(BufferedImage picture, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    float[] input = channels(picture);
    files.add(write(dir.resolve("0-input.png"), Png.encode(picture)));

    CompiledNetwork sobel = new SobelEdgesNet();
    sobel.forward(input, 1);
    StringJoiner shapes = new StringJoiner(" → ");
    List<LayerInfo> layers = sobel.layers();
    shapes.add(layers.get(0).name() + " " + layers.get(0).outputShape());
    for (int stage = 1; stage < layers.size(); stage++) {
      LayerInfo l = layers.get(stage);
      shapes.add(l.name() + " " + l.outputShape());
      files.add(write(dir.resolve(stage + "-" + l.name() + ".png"), map(sobel.layerOutput(l.name()), 0,
          l.outputShape().height(), l.outputShape().width())));
    }

    CompiledNetwork filters = new NamedFiltersNet();
    float[] maps = filters.forward(input, 1);
    int h = filters.outputShape().height();
    int w = filters.outputShape().width();
    for (int f = 0; f < FILTER_NAMES.size(); f++) {
      files.add(write(dir.resolve("filter-" + FILTER_NAMES.get(f) + ".png"), map(maps, f * h * w, h, w)));
    }
    return new Result(files, shapes.toString());
  }

  /** The picture in {@code file}, or the bundled scene when {@code file} is null, scaled to 80×80 RGB. */
  public static BufferedImage read(Path file) throws IOException {
    BufferedImage image;
    if (file == null) {
      try (InputStream in = FilterDemo.class.getResourceAsStream(BUNDLED)) {
        if (in == null) {
          throw new IOException("the bundled picture " + BUNDLED + " is missing from the jar");
        }
        image = ImageIO.read(in);
      }
    } else {
      if (!Files.isRegularFile(file)) {
        throw new IOException("no such image file: " + file);
      }
      image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IOException(file + " is not an image javax.imageio can read (PNG, JPEG, GIF, BMP)");
      }
    }
    return scaled(image);
  }

  /** {@code image} as an 80×80 RGB picture (bilinear scaling when its size differs). */
  static BufferedImage scaled(BufferedImage image) {
    if (image.getWidth() == SIZE && image.getHeight() == SIZE && image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, SIZE, SIZE, null);
    g.dispose();
    return out;
  }

  /** An 80×80 picture as the network input: R, G, B planes in [0, 1] (channel, row, column order). */
  public static float[] channels(BufferedImage picture) {
    int plane = SIZE * SIZE;
    float[] v = new float[3 * plane];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int rgb = picture.getRGB(x, y);
        v[y * SIZE + x] = ((rgb >> 16) & 0xff) / 255f;
        v[plane + y * SIZE + x] = ((rgb >> 8) & 0xff) / 255f;
        v[2 * plane + y * SIZE + x] = (rgb & 0xff) / 255f;
      }
    }
    return v;
  }

  private static byte[] map(float[] values, int offset, int h, int w) {
    return Png.grayscale(values, offset, h, w, 1, false);
  }

  private static Path write(Path file, byte[] png) throws IOException {
    Files.write(file, png);
    return file;
  }
}
