package dev.convnet.examples.oracle;

import dev.convnet.examples.accuracy.ErrorTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward outputs of the networks declared through the annotations against PyTorch's float64 outputs: the float32
 * classes within {@link OracleLimits#FLOAT32}{@code .forward()}, the float64 twins within
 * {@link OracleLimits#FLOAT64}{@code .forward()}.
 */
class OracleForwardTest {
  @ParameterizedTest
  @MethodSource("dev.convnet.examples.oracle.OracleNetworks#cases")
  void float32ForwardMatchesPyTorch(String name) {
    Oracle o = Oracle.load(name);
    ErrorTable errors = new ErrorTable();
    errors.check(name + " float32 output", OracleNetworks.float32(o).forward(o.input.floats(), o.batch()),
        o.output.data(), OracleLimits.FLOAT32.forward());
    errors.assertWithinLimits();
  }

  @ParameterizedTest
  @MethodSource("dev.convnet.examples.oracle.OracleNetworks#cases")
  void float64ForwardMatchesPyTorch(String name) {
    Oracle o = Oracle.load(name);
    ErrorTable errors = new ErrorTable();
    errors.check(name + " float64 output", OracleNetworks.float64(o).forward(o.input.data(), o.batch()),
        o.output.data(), OracleLimits.FLOAT64.forward());
    errors.assertWithinLimits();
  }
}
