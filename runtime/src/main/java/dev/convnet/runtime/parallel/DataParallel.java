package dev.convnet.runtime.parallel;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import java.util.function.IntConsumer;

/**
 * Data-parallel forward and backward passes of one {@link CompiledNetwork} over several threads.
 *
 * <p>A batch of {@code n} samples is cut into {@code min(n, threads)} contiguous shards, shard {@code t} holding
 * samples {@code [n·t/s, n·(t+1)/s)}. Each shard runs on its own worker: the network itself for shard 0 and instances
 * from {@link CompiledNetwork#newWorker()} (own activations, deltas and gradients; shared parameters) for the others.
 * The loss is computed once over the whole batch, exactly as on one thread; each worker back-propagates its slice of
 * the output gradient, and the workers' parameter gradients are summed in worker order, element by element, so that
 * the result depends on the thread count but not on timing: a run with a given seed and thread count is
 * reproducible. With one shard everything runs on the calling thread. After the first batch nothing is allocated.
 *
 * <p>Not thread-safe; {@link #close()} stops the helper threads.
 */
public final class DataParallel implements AutoCloseable {
  private final CompiledNetwork[] workers;
  private final WorkerPool pool;
  private final int inputSize;
  private final int outputSize;
  private final float[] reduced;
  private final IntConsumer forwardTask = this::forwardShard;
  private final IntConsumer backwardTask = this::backwardShard;
  private final IntConsumer reduceTask = this::reduceChunk;
  private float[][] shardGradients;
  private float[] outputs = new float[0];
  private float[] outputGradient = new float[0];
  private float[] input;
  private int offset;
  private int batch;
  private int shards;

  /**
   * @param net     the network to run; its parameters are the ones trained (a {@linkplain CompiledNetwork#frozen()
   *                frozen} copy for inference only)
   * @param threads threads to use, the caller's included (at least 1)
   */
  public DataParallel(CompiledNetwork net, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.workers = new CompiledNetwork[threads];
    workers[0] = net;
    for (int t = 1; t < threads; t++) {
      workers[t] = net.newWorker();
    }
    this.pool = new WorkerPool(threads, "convnet-" + net.name());
    this.inputSize = net.inputSize();
    this.outputSize = net.outputSize();
    this.reduced = threads == 1 ? null : new float[net.layout().size()];
    this.shardGradients = new float[threads][0];
  }

  /** {@return the number of threads sharing each batch, the caller's included} */
  public int threads() {
    return workers.length;
  }

  /**
   * The network of shard {@code t} of the last batch (shard 0 is the network given to the constructor).
   *
   * @param t the worker (thread) index, from 0
   * @return the network of shard {@code t} of the last batch (shard 0 is the network given to the constructor)
   */
  public CompiledNetwork worker(int t) {
    return workers[t];
  }

  /**
   * Shards of the last batch: {@code min(batch, threads())}.
   *
   * @return shards of the last batch: {@code min(batch, threads())}
   */
  public int shards() {
    return shards;
  }

  /**
   * First sample of shard {@code t} of the last batch.
   *
   * @param t the worker (thread) index, from 0
   * @return first sample of shard {@code t} of the last batch
   */
  public int shardStart(int t) {
    return (int) ((long) batch * t / shards);
  }

  /**
   * Samples in shard {@code t} of the last batch.
   *
   * @param t the worker (thread) index, from 0
   * @return samples in shard {@code t} of the last batch
   */
  public int shardSize(int t) {
    return shardStart(t + 1) - shardStart(t);
  }

  /**
   * Puts every worker in training or inference mode.
   *
   * @param training true for training mode
   */
  public void setTraining(boolean training) {
    for (CompiledNetwork w : workers) {
      w.setTraining(training);
    }
  }

  /**
   * Runs {@code batch} samples from {@code input[offset..]} through the network.
   *
   * @param input the input batch, sample after sample
   * @param offset the index of the first value in the array
   * @param batch the number of samples in the batch
   * @return the outputs, {@code batch × outputSize} values (a reused buffer)
   */
  public float[] forward(float[] input, int offset, int batch) {
    if (batch < 1 || offset < 0) {
      throw new IllegalArgumentException("batch must be positive and offset not negative, got batch " + batch
          + " and offset " + offset);
    }
    if (input.length - offset < (long) batch * inputSize) {
      throw new IllegalArgumentException("a batch of " + batch + " samples of " + workers[0].inputShape()
          + " needs " + ((long) batch * inputSize) + " input values from offset " + offset + ", but the array has "
          + input.length);
    }
    if (outputs.length < batch * outputSize) {
      outputs = new float[batch * outputSize];
      outputGradient = new float[batch * outputSize];
    }
    this.input = input;
    this.offset = offset;
    this.batch = batch;
    this.shards = Math.min(batch, workers.length);
    try {
      pool.run(forwardTask, shards);
    } finally {
      this.input = null;
    }
    return outputs;
  }

  private void forwardShard(int t) {
    int from = shardStart(t);
    int m = shardSize(t);
    float[] out = workers[t].forward(input, offset + from * inputSize, m);
    System.arraycopy(out, 0, outputs, from * outputSize, m * outputSize);
  }

  /**
   * Forward, loss and backward over a batch: afterwards {@link #gradients()} holds d(loss)/d(parameters) of the
   * batch's loss, the same quantity a single network computes for the whole batch.
   *
   * @param input the input batch, sample after sample
   * @param offset the index of the first value in the array
   * @param batch the number of samples in the batch
   * @param loss the loss
   * @param targets the targets of the batch
   * @return the loss (the mean over the batch, as {@code loss} defines it); it may be NaN or infinite, in which case
   *     the gradients are not computed
   */
  public double forwardBackward(float[] input, int offset, int batch, Loss loss, Targets targets) {
    float[] out = forward(input, offset, batch);
    double value = loss.compute(out, batch, outputSize, targets, outputGradient);
    if (!Double.isFinite(value)) {
      return value;
    }
    pool.run(backwardTask, shards);
    if (shards > 1) {
      pool.run(reduceTask, shards);
    }
    return value;
  }

  private void backwardShard(int t) {
    int from = shardStart(t);
    int m = shardSize(t);
    float[] slice;
    if (t == 0) {
      slice = outputGradient; // the first shard's gradient already starts at index 0
    } else {
      if (shardGradients[t].length < m * outputSize) {
        shardGradients[t] = new float[m * outputSize];
      }
      slice = shardGradients[t];
      System.arraycopy(outputGradient, from * outputSize, slice, 0, m * outputSize);
    }
    workers[t].backwardParameters(slice);
  }

  private void reduceChunk(int t) {
    int length = reduced.length;
    int from = (int) ((long) length * t / shards);
    int to = (int) ((long) length * (t + 1) / shards);
    float[] first = workers[0].gradients();
    System.arraycopy(first, from, reduced, from, to - from);
    for (int w = 1; w < shards; w++) {
      float[] g = workers[w].gradients();
      for (int i = from; i < to; i++) {
        reduced[i] += g[i];
      }
    }
  }

  /**
   * The outputs of the last batch ({@code batch × outputSize} values; a reused buffer).
   *
   * @return the outputs of the last batch ({@code batch × outputSize} values; a reused buffer)
   */
  public float[] outputs() {
    return outputs;
  }

  /**
   * d(loss)/d(parameters) of the last {@link #forwardBackward}, in the parameters' layout (a reused buffer).
   *
   * @return d(loss)/d(parameters) of the last {@link #forwardBackward}, in the parameters' layout (a reused buffer)
   */
  public float[] gradients() {
    return shards > 1 ? reduced : workers[0].gradients();
  }

  @Override
  public void close() {
    pool.close();
  }
}
