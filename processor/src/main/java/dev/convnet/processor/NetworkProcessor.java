package dev.convnet.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.convnet.processor.check.Checker;
import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.emit.GeneratedText;
import dev.convnet.processor.emit.NetworkEmitter;
import dev.convnet.processor.emit.Numeric;
import dev.convnet.processor.emit.VectorApi;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.NetworkModel;
import dev.convnet.processor.read.NetworkReader;
import dev.convnet.processor.read.SourceMap;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;

/**
 * Compiles every {@code @Network} interface into a network class, as a pipeline that stops at the first failing
 * stage: read the declaration into a model, check it (options, graph, shapes), and emit. Every problem is a javac
 * diagnostic on the offending element, annotation and value; an internal failure becomes an error on the network
 * being compiled, and the other networks of the compilation are still processed.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {
  static final String NETWORK = "dev.convnet.annotations.Network";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(NETWORK);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement network = processingEnv.getElementUtils().getTypeElement(NETWORK);
    if (network == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(network)) {
      if (element instanceof TypeElement type) {
        processOne(type);
      } else {
        processingEnv.getMessager().printMessage(Kind.ERROR, Message.NETWORK_ON_NON_TYPE.format(
            Message.withArticle(element.getKind().toString().toLowerCase().replace('_', ' '))), element);
      }
    }
    return true;
  }

  private void processOne(TypeElement type) {
    AnnotationMirror mirror = networkAnnotation(type);
    SourceMap sources = null;
    try {
      List<Diagnostic> diagnostics = new ArrayList<>();
      NetworkReader.Result read = new NetworkReader(diagnostics).read(type, mirror);
      sources = read.sources();
      Optional<CheckedNetwork> checked = Optional.empty();
      if (read.model().isPresent()) {
        Checker.Result result = Checker.check(read.model().get());
        diagnostics.addAll(result.diagnostics());
        checked = result.network();
      }
      report(diagnostics, sources);
      if (checked.isPresent()) {
        generate(checked.get(), sources);
      }
    } catch (RuntimeException | Error e) {
      String name = type.getQualifiedName().toString();
      StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
      Diagnostic d = Message.INTERNAL.at(Location.network(), name, e, top == null ? "" : " at " + top);
      processingEnv.getMessager().printMessage(Kind.ERROR, d.message(), type, mirror);
    }
  }

  private void generate(CheckedNetwork net, SourceMap sources) {
    NetworkModel model = net.model();
    List<Numeric> kinds = new ArrayList<>();
    if (model.float32()) {
      kinds.add(Numeric.FLOAT);
    }
    if (model.float64()) {
      kinds.add(Numeric.DOUBLE);
    }
    for (Numeric num : kinds) {
      NetworkEmitter emitter = new NetworkEmitter(net, num, readsVectorModule());
      JavaFile file = emitter.emit(sources.origins());
      String name = model.packageName().isEmpty() ? emitter.className()
          : model.packageName() + "." + emitter.className();
      try {
        JavaFileObject out = processingEnv.getFiler().createSourceFile(name, sources.origins());
        try (Writer w = out.openWriter()) {
          w.write(GeneratedText.wrapComments(file.toString()));
        }
      } catch (IOException e) {
        Diagnostic d = Message.CANNOT_WRITE.at(Location.networkAttribute("className"),
            model.packageName() + "." + emitter.className(), e.getMessage());
        report(List.of(d), sources);
      }
    }
  }

  /**
   * Whether this compilation reads {@code jdk.incubator.vector} ({@code javac --add-modules jdk.incubator.vector}):
   * then float32 classes also get their layers' Vector API variant, chosen when a network is made.
   */
  private boolean readsVectorModule() {
    return processingEnv.getElementUtils().getTypeElement(VectorApi.FLOAT_VECTOR.canonicalName()) != null;
  }

  private void report(List<Diagnostic> diagnostics, SourceMap sources) {
    for (Diagnostic d : diagnostics) {
      SourceMap.Site site = sources.site(d.location());
      Kind kind = d.isError() ? Kind.ERROR : Kind.WARNING;
      if (site.value() != null) {
        processingEnv.getMessager().printMessage(kind, d.message(), site.element(), site.annotation(), site.value());
      } else if (site.annotation() != null) {
        processingEnv.getMessager().printMessage(kind, d.message(), site.element(), site.annotation());
      } else {
        processingEnv.getMessager().printMessage(kind, d.message(), site.element());
      }
    }
  }

  private static AnnotationMirror networkAnnotation(TypeElement type) {
    for (AnnotationMirror m : type.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(NETWORK)) {
        return m;
      }
    }
    return null;
  }
}
