package org.besuzkml.it;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import org.hyperledger.besu.plugin.BesuPlugin;

/**
 * Loads the built plugin jar as Besu does: a URLClassLoader over the jar, parent-first, then
 * ServiceLoader over BesuPlugin. The parent plays Besu's class path: it shows the Besu API module
 * and the libraries Besu provides (Tuweni, BouncyCastle, picocli, slf4j) and nothing of this
 * project, so every plugin class must come from the jar.
 */
final class BesuLikeLoader {
  static final String[] BESU_PROVIDES = {"org.hyperledger.besu.", "org.apache.tuweni.",
      "org.bouncycastle.", "picocli.", "org.slf4j."};

  private BesuLikeLoader() {}

  static Path jar() {
    String p = System.getProperty("zkml.plugin.jar");
    if (p == null) {
      try (var s = Files.list(Path.of("target"))) {
        p = s.map(Path::toString).filter(n -> n.matches(".*besu-zkml-plugin-.*\\.jar")).findFirst()
            .orElseThrow(() -> new IllegalStateException("run `mvn package` first"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return Path.of(p);
  }

  /** Besu's class path: the provided packages from the application class loader, else nothing. */
  static final class BesuParent extends ClassLoader {
    private final ClassLoader app = BesuLikeLoader.class.getClassLoader();

    BesuParent() {
      super(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String p : BESU_PROVIDES) {
        if (name.startsWith(p)) {
          return app.loadClass(name);
        }
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return null;
    }

    @Override
    public Enumeration<URL> getResources(String name) {
      return Collections.emptyEnumeration();
    }
  }

  static URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {jar().toUri().toURL()}, new BesuParent());
  }

  static List<BesuPlugin> plugins(ClassLoader l) {
    List<BesuPlugin> out = new ArrayList<>();
    ServiceLoader.load(BesuPlugin.class, l).forEach(out::add);
    return out;
  }
}
