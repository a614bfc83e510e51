package dev.convnet.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.processor.check.Checker;
import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.kind.conv.ConvLayer;
import dev.convnet.processor.kind.dense.DenseLayer;
import dev.convnet.processor.kind.input.InputLayer;
import dev.convnet.processor.kind.subsampling.SubsamplingLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference as pure functions of the model, checked against the formulas and PyTorch's results. */
class WindowGeometryTest {
  @Test
  void convolutionOutputIsTheTextbookFormula() {
    // (n + 2p − d(k−1) − 1)/s + 1
    assertEquals(28, Window.outSize(32, 5, 1, 0, 0, 1));
    assertEquals(9, Window.outSize(17, 3, 2, 1, 1, 1));
    assertEquals(11, Window.outSize(15, 5, 1, 2, 2, 2)); // conv_zoo's b: 15 + 4 − 8 − 1 + 1
    assertEquals(0, Window.outSize(4, 5, 1, 0, 0, 1));
    Window w = Window.conv(224, 224, Dim.of(11), Dim.of(4), Dim.of(0), Dim.of(1));
    assertEquals(54, w.outH()); // the seed's AlexNet at 224 gives 54 and drops rows
    assertEquals(1, w.droppedRows());
    assertEquals(55, Window.conv(227, 227, Dim.of(11), Dim.of(4), Dim.of(0), Dim.of(1)).outH());
    assertEquals(0, Window.conv(227, 227, Dim.of(11), Dim.of(4), Dim.of(0), Dim.of(1)).droppedRows());
  }

  @Test
  void poolCeilModeFollowsPyTorch() {
    // torch.nn.MaxPool2d(3, 2, padding=1, ceil_mode=True) on 11×10 → 6×6
    Window w = Window.pool(11, 10, Dim.of(3), Dim.of(2), Dim.of(1), true);
    assertEquals(6, w.outH());
    assertEquals(6, w.outW()); // ceil(9/2) + 1; (6 − 1)·2 = 10 < 10 + 1 keeps the last window
    // ceil mode drops a window that would start past input + left padding: 5, k2, s2, p1 → floor 3, ceil 3
    assertEquals(3, Window.pool(5, 5, Dim.of(2), Dim.of(2), Dim.of(1), true).outH());
    assertEquals(3, Window.pool(6, 6, Dim.of(3), Dim.of(2), Dim.of(0), true).outH());
    assertEquals(2, Window.pool(6, 6, Dim.of(3), Dim.of(2), Dim.of(0), false).outH());
    assertTrue(Window.pool(6, 6, Dim.of(3), Dim.of(2), Dim.of(0), true).padEnd().h() > 0);
  }

  @Test
  void transposedConvolutionOutput() {
    // (n − 1)s − 2p + d(k−1) + op + 1: conv_zoo's t on 6×4 → 12×8
    TransposedWindow t = TransposedWindow.of(6, 4, Dim.of(3), Dim.of(2), Dim.of(1), Dim.of(1), Dim.of(1));
    assertEquals(12, t.outH());
    assertEquals(8, t.outW());
    assertTrue(t.cropped());
    // Output padding past the scattered plane: p = 0, op = 1 extends the full plane by one row.
    TransposedWindow e = TransposedWindow.of(3, 3, Dim.of(2), Dim.of(2), Dim.of(0), Dim.of(1), Dim.of(1));
    assertEquals(7, e.outH()); // (3 − 1)·2 − 0 + 1 + 1 + 1
    assertEquals(7, e.fullH()); // the scattered plane is 6 rows; the crop needs 7
  }

  private static LayerNode node(String name, Layer layer, boolean output, String... inputs) {
    return new LayerNode(name, layer, List.of(inputs), output);
  }

  @Test
  void checkerInfersShapesAndCountsWithoutJavac() {
    Act tanh = new Act(Act.Kind.TANH, 0);
    NetworkModel m = new NetworkModel("p", "N", "NNet", true, false, List.of(
        node("in", new InputLayer(3, 17, 15), false),
        node("a", new ConvLayer(5, Dim.of(3), Dim.of(2), ConvLayer.PadMode.EXPLICIT, Dim.of(1), Dim.of(1), true, tanh,
            List.of(), 1, List.of()), false, "in"),
        node("s", new SubsamplingLayer(Dim.of(2), Dim.of(2), tanh), false, "a"),
        node("d", new DenseLayer(4, true, Act.IDENTITY), true, "s")));
    Checker.Result r = Checker.check(m);
    CheckedNetwork net = r.network().orElseThrow(() -> new AssertionError(r.diagnostics()));
    assertEquals(Shape.map(5, 9, 8), net.shape("a"));
    assertEquals(Shape.map(5, 4, 4), net.shape("s"));
    assertEquals(Shape.vector(4), net.shape("d"));
    assertEquals(5 * 27 + 5, Counts.parameters(net, net.order().get(1)));
    // s drops the last row of a's 9 rows: a warning, not an error
    assertTrue(r.diagnostics().stream().anyMatch(d -> !d.isError() && d.tag().equals("cnn:stride")),
        r.diagnostics().toString());
  }

  @Test
  void checkerStopsAtTheFirstFailingStage() {
    NetworkModel m = new NetworkModel("p", "N", "NNet", true, false, List.of(
        node("in", new InputLayer(1, 4, 4), false),
        node("c", new ConvLayer(2, Dim.of(5), Dim.of(1), ConvLayer.PadMode.VALID, Dim.of(0), Dim.of(1), true,
            Act.IDENTITY, List.of(), 1, List.of()), true, "in")));
    Checker.Result r = Checker.check(m);
    assertFalse(r.network().isPresent());
    List<Diagnostic> errors = r.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).message().startsWith("[cnn:shape] layer 'c'"), errors.get(0).message());
  }
}
