package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;

/** Every runtime class the generated code names, in one place. */
public final class RuntimeNames {
  public static final String PACKAGE = "dev.convnet.runtime";
  public static final String INTERNAL = PACKAGE + ".internal";

  public static final ClassName COMPILED_NETWORK = ClassName.get(PACKAGE, "CompiledNetwork");
  public static final ClassName LAYER_INFO = ClassName.get(PACKAGE, "LayerInfo");
  public static final ClassName LAYER_SPEC = ClassName.get(PACKAGE, "LayerSpec");
  public static final ClassName SHAPE = ClassName.get(PACKAGE, "Shape");
  public static final ClassName PARAMETERS = ClassName.get(PACKAGE, "Parameters");
  public static final ClassName PARAMETER_LAYOUT = ClassName.get(PACKAGE, "ParameterLayout");
  public static final ClassName PARAM_SLOT = ClassName.get(PACKAGE, "ParamSlot");
  public static final ClassName INIT = ClassName.get(PACKAGE, "Init");
  public static final ClassName FINGERPRINTS = ClassName.get(PACKAGE, "Fingerprints");
  public static final ClassName CONSTANTS = ClassName.get(INTERNAL, "Constants");
  public static final ClassName PLANES = ClassName.get(PACKAGE, "Planes");
  public static final ClassName FAST_MATH = ClassName.get(PACKAGE, "FastMath");
  public static final ClassName NETWORK_INFO = ClassName.get(INTERNAL, "NetworkInfo");
  public static final ClassName GENERATED_NETWORK = ClassName.get(INTERNAL, "GeneratedNetwork");
  public static final ClassName GENERATED_NETWORK_64 = ClassName.get(INTERNAL, "GeneratedNetwork64");
  public static final ClassName BLOCKED_CONV = ClassName.get(INTERNAL, "BlockedConv");
  public static final ClassName VECTORIZATION = ClassName.get(INTERNAL, "Vectorization");
  public static final ClassName BLOCKED_POOL = ClassName.get(INTERNAL, "BlockedPool");
  public static final ClassName BLOCKED_LAYER = ClassName.get(INTERNAL, "BlockedLayer");
  public static final ClassName RELU = ClassName.get(INTERNAL, "Relu");
  public static final ClassName MAX_POOL = ClassName.get(INTERNAL, "MaxPool");

  private RuntimeNames() {}
}
