package dev.convnet.onnx;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.convnet.processor.NetworkProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles one declaration with the annotation processor (compile-testing) and loads the classes it produced. */
public final class Javac {
  private Javac() {}

  /** The class {@code generated} (e.g. {@code p.MyNetNet}) compiled from {@code source} of {@code qualifiedName}. */
  public static Class<?> compile(String qualifiedName, String source, String generated) throws Exception {
    Compilation c = Compiler.javac().withProcessors(new NetworkProcessor())
        .compile(JavaFileObjects.forSourceString(qualifiedName, source));
    if (c.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("the imported declaration does not compile: " + c.errors() + "\n" + source);
    }
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        int at = path.indexOf("CLASS_OUTPUT/");
        String name = path.substring(at + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
            .replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    ClassLoader loader = new ClassLoader(Javac.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    return loader.loadClass(generated);
  }
}
