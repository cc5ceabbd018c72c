package io.colseal.sample;

import io.colseal.config.Redaction;
import io.colseal.exception.ColsealException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the demo: the {@link SampleApplication} with the {@code demo} profile added to whatever
 * profiles are active, and no web server. {@link DemoRunner} does the work once the application
 * has started; this class turns the outcome into the process's exit status.
 *
 * <pre>
 * java -cp ... io.colseal.sample.Demo [customers] [--setting=value ...]
 * </pre>
 *
 * <p>Exit status: 0 when every value read back as written, every search found its customer and
 * every encrypted value is stored as an envelope; 1 when not; a colseal {@link
 * io.colseal.exception.ErrorCode} exit code when colseal refused to start or to decrypt; 64 for
 * bad arguments or settings; 2 for other failures.
 */
public final class Demo {
  /** Added to the active profiles; activates {@link DemoRunner}. */
  public static final String PROFILE = "demo";
  static final int EXIT_OK = 0;
  static final int EXIT_MISMATCH = 1;
  static final int EXIT_FAILED = 2;
  static final int EXIT_USAGE = 64;

  private Demo() {}

  public static void main(String[] args) {
    // Korean names must not turn into '?' on a console whose default charset is ASCII.
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, err));
  }

  /** Runs with command-line {@code args}; returns the exit status. */
  static int run(String[] args, PrintStream err) {
    String[] springArgs;
    try {
      springArgs = springArgs(args);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    try (ConfigurableApplicationContext context = application().run(springArgs)) {
      return context.getBean(DemoRunner.class).getExitCode();
    } catch (RuntimeException e) {
      if (cause(e, BindException.class) != null) {
        return usage(err, describe(e));
      }
      err.println("colseal sample FAILED: " + describe(e));
      ColsealException colseal = cause(e, ColsealException.class);
      return colseal != null ? colseal.code().exitCode() : EXIT_FAILED;
    }
  }

  /**
   * Runs the demo in this JVM with {@code properties} as command-line settings (they beat every
   * other source) and returns what it found; for tests.
   */
  static DemoResult runInProcess(Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    try (ConfigurableApplicationContext context = application().run(args.toArray(String[]::new))) {
      return context.getBean(DemoRunner.class).result();
    }
  }

  private static SpringApplication application() {
    SpringApplication application = new SpringApplication(SampleApplication.class);
    application.setAdditionalProfiles(PROFILE);
    application.setWebApplicationType(WebApplicationType.NONE);
    // Bad demo.* settings stop the run before anything opens the database or the keystore.
    application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event ->
        Binder.get(event.getEnvironment()).bindOrCreate("demo", DemoProperties.class));
    return application;
  }

  /** A lone number is the customer count; everything else goes to Spring Boot as it is. */
  static String[] springArgs(String[] args) {
    List<String> out = new ArrayList<>();
    int positional = 0;
    for (String arg : args) {
      if (arg.startsWith("--")) {
        out.add(arg);
      } else if (positional++ == 0) {
        out.add("--demo.customers=" + arg);
      } else {
        throw new IllegalArgumentException("expected at most one argument besides --settings, the number of customers");
      }
    }
    return out.toArray(String[]::new);
  }

  private static int usage(PrintStream err, @Nullable String message) {
    err.println("colseal sample: " + message);
    err.println("usage: Demo [customers] [--setting=value ...]   (settings: see sample-app/README.md)");
    return EXIT_USAGE;
  }

  private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The chain of messages, with credentials in URLs masked. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 8; t = t.getCause(), depth++) {
      if (depth > 0) {
        sb.append(System.lineSeparator()).append("  caused by ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(Redaction.maskUrl(String.valueOf(t.getMessage())));
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }
}
