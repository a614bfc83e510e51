package dev.convnet.processor.kind;

/** How messages list a layer's inputs: {@code 'bn1' 8×4×4, 'proj' 8×8×8}. */
public final class Inputs {
  private Inputs() {}

  public static String listed(ShapeChecks check) {
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < check.inputShapes().size(); i++) {
      listed.append(i == 0 ? "" : ", ").append('\'').append(check.node().inputs().get(i)).append("' ")
          .append(check.inputShapes().get(i));
    }
    return listed.toString();
  }
}
