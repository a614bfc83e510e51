package dev.convnet.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.convnet.processor.NetworkProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * One javac run of several declarations with the processor (through compile-testing), and a class loader over the
 * class files it produced, whose parent sees the runtime.
 */
final class Compiled {
  final Compilation compilation;
  private final Map<String, byte[]> classes = new HashMap<>();
  private final ClassLoader loader;

  private Compiled(Compilation compilation) {
    this.compilation = compilation;
    if (compilation.status() == Compilation.Status.SUCCESS) {
      for (JavaFileObject f : compilation.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = f.toUri().getPath();
        int at = path.indexOf("CLASS_OUTPUT/");
        String name = path.substring(at < 0 ? 1 : at + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
            .replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    loader = new ClassLoader(Compiled.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  static Compiled compile(List<JavaFileObject> sources) {
    return new Compiled(Compiler.javac().withProcessors(new NetworkProcessor())
        .withOptions("--add-modules", "jdk.incubator.vector").compile(sources));
  }

  boolean succeeded() {
    return compilation.status() == Compilation.Status.SUCCESS;
  }

  Class<?> load(String name) throws ClassNotFoundException {
    return loader.loadClass(name);
  }

  /** Errors whose source is {@code file} (or that have no source when {@code file} is null), as text. */
  List<String> errorsIn(JavaFileObject file) {
    List<String> out = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      JavaFileObject src = d.getSource();
      boolean mine = file == null ? src == null : src != null && src.toUri().equals(file.toUri());
      if (mine) {
        out.add("line " + d.getLineNumber() + ": " + d.getMessage(null));
      }
    }
    return out;
  }

  /** Every error of the compilation, as text with its file and line. */
  String describeErrors() {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      b.append(d.getSource() == null ? "?" : d.getSource().getName()).append(':').append(d.getLineNumber())
          .append(": ").append(d.getMessage(null)).append('\n');
    }
    return b.toString();
  }
}
