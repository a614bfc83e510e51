package dev.convnet.spark;

import dev.convnet.runtime.data.Idx;
import dev.convnet.runtime.data.IdxImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads image data sets into DataFrames whose row order is the data set's order, with an {@code index} column
 * (0, 1, ... in that order) that names rows in error messages and a {@code label} column (int).
 *
 * <ul>
 *   <li>{@link #idx}: MNIST-style IDX files (the bundled digits, Fashion-MNIST; gzip or not), local or on any
 *       Hadoop file system: {@code index long, image array<float>, label int}, the image {@code 1 × rows × cols}
 *       scaled to [0, 1] as {@code Idx.load} does.</li>
 *   <li>{@link #imageFolder}: torchvision's {@code ImageFolder} layout, one sub-folder per class (classes numbered
 *       in sorted name order), images in sorted path order: {@code index long, path string, image binary, label
 *       int}; images are decoded when the network reads them (so a corrupt file is reported with its path).</li>
 *   <li>{@link #shuffle}: a permutation of the rows determined by the seed and each row's index alone (not by the
 *       partitioning), renumbering {@code index}.</li>
 * </ul>
 */
public final class SparkData {
  /** torchvision's image extensions that {@code javax.imageio} decodes. */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  private SparkData() {}

  /** The IDX schema: {@code index long, image array<float>, label int}. */
  public static final StructType IDX_SCHEMA = new StructType()
      .add("index", DataTypes.LongType, false)
      .add("image", DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add("label", DataTypes.IntegerType, false);

  /** The image-folder schema: {@code index long, path string, image binary, label int}. */
  public static final StructType FOLDER_SCHEMA = new StructType()
      .add("index", DataTypes.LongType, false)
      .add("path", DataTypes.StringType, false)
      .add("image", DataTypes.BinaryType, false)
      .add("label", DataTypes.IntegerType, false);

  /**
   * Reads matching IDX image and label files (local paths or Hadoop URIs) into {@code partitions} partitions of
   * consecutive rows. The files are read and checked on the driver ({@code Idx}'s checks: magic, sizes, counts);
   * their bytes are broadcast and each partition makes its rows.
   */
  public static Dataset<Row> idx(SparkSession spark, String images, String labels, int partitions)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path localImages = HadoopFiles.fetch(images, conf);
    Path localLabels = null;
    try {
      localLabels = HadoopFiles.fetch(labels, conf);
      IdxImages img = Idx.readImages(localImages);
      int[] lab = Idx.readLabels(localLabels);
      if (img.count() != lab.length) {
        throw new IOException(images + " has " + img.count() + " images but " + labels + " has " + lab.length
            + " labels");
      }
      return fromPixels(spark, img, lab, partitions);
    } finally {
      HadoopFiles.deleteQuietly(localImages);
      HadoopFiles.deleteQuietly(localLabels);
    }
  }

  /** The IDX rows of images and labels already in memory. */
  public static Dataset<Row> fromPixels(SparkSession spark, IdxImages images, int[] labels, int partitions) {
    Checks.atLeast("partitions", partitions, 1);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> pixels = jsc.broadcast(images.pixels());
    int plane = images.rows() * images.cols();
    Broadcast<int[]> labelValues = jsc.broadcast(labels);
    int count = images.count();
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    JavaRDD<Row> rows = jsc.parallelize(parts, partitions).flatMap(p -> {
      byte[] img = pixels.value();
      int[] lab = labelValues.value();
      int from = (int) ((long) count * p / partitions);
      int to = (int) ((long) count * (p + 1) / partitions);
      return new java.util.Iterator<Row>() { // one row at a time: a partition's rows are never all boxed at once
        private int i = from;

        @Override
        public boolean hasNext() {
          return i < to;
        }

        @Override
        public Row next() {
          if (i >= to) {
            throw new java.util.NoSuchElementException();
          }
          Float[] v = new Float[plane];
          for (int j = 0; j < plane; j++) {
            v[j] = (img[i * plane + j] & 0xFF) / 255f;
          }
          Row row = RowFactory.create((long) i, v, lab[i]);
          i++;
          return row;
        }
      };
    });
    return spark.createDataFrame(rows, IDX_SCHEMA);
  }

  /** The IDX files of a data set inside the class path (e.g. the examples' bundled digits). */
  public static Dataset<Row> idxResource(SparkSession spark, String imagesResource, String labelsResource,
                                         int partitions) throws IOException {
    Path dir = java.nio.file.Files.createTempDirectory("convnet-idx");
    try {
      Path images = copy(imagesResource, dir.resolve("images"));
      Path labels = copy(labelsResource, dir.resolve("labels"));
      return idx(spark, images.toString(), labels.toString(), partitions);
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        for (Path f : files.toList()) {
          java.nio.file.Files.deleteIfExists(f);
        }
      }
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = SparkData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource + " on the class path");
      }
      java.nio.file.Files.copy(in, to);
      return to;
    }
  }

  /** An image folder and its classes. */
  public record ImageFolder(Dataset<Row> rows, List<String> classes) {}

  /**
   * Reads a folder of images, one sub-folder per class (torchvision's {@code ImageFolder}): classes are the
   * sub-folder names in sorted order, numbered from 0; files with an image extension ({@link #IMAGE_EXTENSIONS},
   * any depth below the class folder) in sorted path order.
   *
   * @throws IOException if the folder is missing, has no class folder, or a class folder has no image
   */
  public static ImageFolder imageFolder(SparkSession spark, String folder, int partitions) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path root = HadoopFiles.path(folder);
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
      throw new IOException(folder + " is not a folder of class folders");
    }
    FileStatus[] children = fs.listStatus(root);
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    List<String> classes = new ArrayList<>();
    List<Row> files = new ArrayList<>();
    for (FileStatus child : children) {
      if (!child.isDirectory() || child.getPath().getName().startsWith(".")) {
        continue;
      }
      int label = classes.size();
      classes.add(child.getPath().getName());
      List<String> paths = new ArrayList<>();
      collect(fs, child.getPath(), paths);
      if (paths.isEmpty()) {
        throw new IOException("class folder " + child.getPath() + " holds no image (" + String.join(", ",
            IMAGE_EXTENSIONS.stream().sorted().toList()) + ")");
      }
      paths.sort(null);
      for (String p : paths) {
        files.add(RowFactory.create(p, label));
      }
    }
    if (classes.isEmpty()) {
      throw new IOException(folder + " has no class folders (one sub-folder of images per class expected)");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Row> indexed = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      indexed.add(RowFactory.create((long) i, files.get(i).getString(0), files.get(i).getInt(1)));
    }
    org.apache.spark.util.SerializableConfiguration hadoop = new org.apache.spark.util.SerializableConfiguration(
        conf);
    JavaRDD<Row> rows = jsc.parallelize(indexed, Math.max(1, Math.min(partitions, indexed.size())))
        .map(r -> {
          org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(r.getString(1));
          byte[] bytes;
          try (InputStream in = p.getFileSystem(hadoop.value()).open(p)) {
            bytes = in.readAllBytes();
          }
          return RowFactory.create(r.getLong(0), r.getString(1), bytes, r.getInt(2));
        });
    return new ImageFolder(spark.createDataFrame(rows, FOLDER_SCHEMA), List.copyOf(classes));
  }

  private static void collect(FileSystem fs, org.apache.hadoop.fs.Path dir, List<String> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith(".")) {
        continue;
      }
      if (s.isDirectory()) {
        collect(fs, s.getPath(), out);
      } else {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
          out.add(s.getPath().toString());
        }
      }
    }
  }

  /**
   * The rows in an order that depends only on {@code seed} and each row's {@code index} (a SplitMix64 hash of
   * both), renumbered 0, 1, ... in the new order; {@code partitions} partitions of consecutive rows.
   */
  public static Dataset<Row> shuffle(Dataset<Row> rows, long seed, int partitions) {
    Dataset<Row> keyed = rows.withColumn("__order", functions.xxhash64(functions.col("index"),
        functions.lit(seed)));
    Dataset<Row> sorted = keyed.repartitionByRange(partitions, functions.col("__order"), functions.col("index"))
        .sortWithinPartitions("__order", "index").drop("__order");
    StructType schema = sorted.schema();
    int indexField = InputColumn.fieldIndex(schema, "index", "index");
    JavaRDD<Row> renumbered = sorted.javaRDD().zipWithIndex().map(p -> {
      Object[] values = new Object[p._1().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = p._1().get(i);
      }
      values[indexField] = p._2();
      return RowFactory.create(values);
    });
    return rows.sparkSession().createDataFrame(renumbered, schema);
  }

}
