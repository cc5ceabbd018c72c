package io.colseal.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolved runtime class path a module's build writes to {@code target/runtime-classpath.txt}
 * (maven-dependency-plugin {@code build-classpath}, scope runtime): what an application that depends
 * on the module gets. The modules' DependenciesTests read it.
 */
public final class RuntimeClasspath {
  private RuntimeClasspath() {}

  /** The entries, in class-path order. */
  public static List<Path> entries() throws IOException {
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    return text.isEmpty() ? List.of() : List.of(text.split(File.pathSeparator)).stream().map(Path::of).toList();
  }

  /**
   * The artifact of each entry: a jar's name without its version ({@code slf4j-api}), a reactor
   * module's classes folder as {@code reactor:<folder>} ({@code reactor:core}), since in the reactor
   * colseal's own modules come as folders and when installed as jars.
   */
  public static Set<String> artifacts() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path p : entries()) {
      names.add(p.getFileName().toString().equals("classes") ? "reactor:" + p.getParent().getParent().getFileName()
          : p.getFileName().toString().replaceAll("-[0-9][^-]*(-SNAPSHOT|\\.Final)?\\.jar$", ""));
    }
    return names;
  }

  /** {@link #artifacts()} without colseal-core, as a jar or as the reactor's {@code core} folder. */
  public static Set<String> artifactsBesideCore() throws IOException {
    Set<String> names = artifacts();
    names.remove("reactor:core");
    names.remove("colseal-core");
    return names;
  }
}
