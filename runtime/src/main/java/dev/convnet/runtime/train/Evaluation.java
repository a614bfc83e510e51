package dev.convnet.runtime.train;

/**
 * How a network did on a labelled dataset.
 *
 * @param samples   number of samples evaluated
 * @param loss      mean loss
 * @param accuracy  fraction of samples whose arg-max output is their label
 * @param confusion {@code confusion[label][predicted]} counts, {@code classes × classes} with classes the network's
 *                  output size
 */
public record Evaluation(int samples, double loss, double accuracy, int[][] confusion) {
  /**
   * Number of correctly classified samples (the confusion matrix's diagonal).
   *
   * @return number of correctly classified samples (the confusion matrix's diagonal)
   */
  public int correct() {
    int c = 0;
    for (int i = 0; i < confusion.length; i++) {
      c += confusion[i][i];
    }
    return c;
  }
}
