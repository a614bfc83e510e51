package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/**
 * The JDK Vector API types generated code uses under {@code @Network(vectorApi = true)}, and the species constant
 * every vector kernel of the class reads.
 */
public final class VectorApi {
  public static final ClassName FLOAT_VECTOR = ClassName.get("jdk.incubator.vector", "FloatVector");
  public static final ClassName OPERATORS = ClassName.get("jdk.incubator.vector", "VectorOperators");
  private static final ClassName VECTOR_SPECIES = ClassName.get("jdk.incubator.vector", "VectorSpecies");

  /** The generated class's vector species constant. */
  public static final String SPECIES = "SPECIES";

  private VectorApi() {}

  /** {@code private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;} */
  public static FieldSpec speciesField() {
    return speciesField("The widest float vectors of this CPU (Vector API; {@code @Network(vectorApi = true)}).\n");
  }

  /** The species constant with its Javadoc {@code doc}. */
  public static FieldSpec speciesField(String doc) {
    return FieldSpec.builder(ParameterizedTypeName.get(VECTOR_SPECIES, TypeName.FLOAT.box()), SPECIES,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(doc)
        .initializer("$T.SPECIES_PREFERRED", FLOAT_VECTOR).build();
  }
}
