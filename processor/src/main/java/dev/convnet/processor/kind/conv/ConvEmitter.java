package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.ConstantArray;
import dev.convnet.processor.emit.FusedEpilogue;
import dev.convnet.processor.emit.FusedForward;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;
import dev.convnet.processor.emit.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConvLayer}: its parameters (or fixed kernels) and, through the {@link ConvStrategy} chosen for its shapes,
 * its forward and backward passes. Fully connected layers loop over the (output map, input map) pairs with constant
 * bounds; a connection table is compiled into straight-line code, one kernel call per connected pair.
 */
final class ConvEmitter implements LayerEmitter {
  private final ConvPlan plan;
  private final ConvStrategy strategy;

  ConvEmitter(LayerContext ctx, ConvLayer layer) {
    this.plan = new ConvPlan(ctx, layer);
    this.strategy = ConvStrategy.choose(plan);
  }

  @Override
  public String strategy() {
    return strategy.describe();
  }

  @Override
  public List<FieldSpec> fields() {
    if (!plan.conv.frozen()) {
      return strategy.fields();
    }
    int taps = plan.win.taps();
    int inC = plan.ctx.in().channels();
    boolean shared = plan.conv.weights().size() == taps;
    List<Double> values = new ArrayList<>();
    for (int o = 0; o < plan.conv.filters(); o++) {
      for (int j = 0; j < (plan.conv.hasTable() ? inC : plan.groupInputs()); j++) {
        if (plan.conv.hasTable() && !plan.conv.connected(j, o)) {
          continue;
        }
        int base = shared ? 0 : (o * (plan.conv.hasTable() ? inC : plan.groupInputs()) + j) * taps;
        values.addAll(plan.conv.weights().subList(base, base + taps));
      }
    }
    return List.of(ConstantArray.field(plan.ctx.num(), plan.weights(), ConstantArray.of(values),
        plan.ctx.name() + ": the fixed kernels from the declaration, one after another in the order the code reads them"
            + " (never trained)."));
  }

  @Override
  public void parameters(ParamPlan plan) {
    if (this.plan.conv.frozen()) {
      this.plan.weight = "0";
      return;
    }
    int inC = this.plan.ctx.in().channels();
    long kernelsCount = this.plan.conv.kernels(this.plan.ctx.in());
    int fanIn = (int) (kernelsCount * this.plan.win.taps() / this.plan.conv.filters());
    int fanOut = (int) (kernelsCount * this.plan.win.taps() / inC);
    int[] shape = {this.plan.conv.filters(), this.plan.groupInputs(), this.plan.conv.kernel().h(), this.plan.conv.kernel().w()};
    boolean[][] connected = null;
    if (this.plan.conv.hasTable()) {
      connected = new boolean[this.plan.conv.filters()][inC];
      for (int o = 0; o < this.plan.conv.filters(); o++) {
        for (int i = 0; i < inC; i++) {
          connected[o][i] = this.plan.conv.connected(i, o);
        }
      }
    }
    this.plan.weight = plan.add(this.plan.ctx.name(), this.plan.ctx.constant(), "weight", "WEIGHT", shape, fanIn, fanOut, connected);
    if (this.plan.conv.bias()) {
      this.plan.bias = plan.add(this.plan.ctx.name(), this.plan.ctx.constant(), "bias", "BIAS", new int[] {this.plan.conv.filters()}, fanIn, fanOut);
    }
  }

  @Override
  public void workspace(Workspace ws) {
    strategy.workspace(ws);
  }

  @Override
  public CodeBlock forward() {
    return strategy.forward();
  }

  @Override
  public CodeBlock backward() {
    return strategy.backward();
  }

  @Override
  public FusedForward fusedForward(FusedEpilogue epilogue) {
    return plan.conv.frozen() ? null : strategy.fused(epilogue);
  }

  @Override
  public List<MethodSpec> helpers() {
    return strategy.kernels();
  }
}
