package io.colseal.cli;

import io.colseal.cli.internal.Context;
import io.colseal.exception.ErrorCode;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.report.CommandReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: computes its {@link CommandReport}, which the root prints as text or JSON. */
abstract class AbstractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    ColsealCommand root = (ColsealCommand) spec.root().userObject();
    CommandReport report = execute(root.context());
    root.print(report);
    List<UnreadableKeyVersion> unreadable = report.unreadable();
    if (!unreadable.isEmpty()) {
      // Everything else was done and reported; the exit status still says a key was left out.
      PrintStream err = root.err();
      err.println("colseal: " + ErrorCode.KEY_UNSUPPORTED.name() + ": " + unreadable.get(0).message()
          + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more key versions)" : ""));
      err.flush();
      return ErrorCode.KEY_UNSUPPORTED.exitCode();
    }
    return 0;
  }

  /** Does the work; failures are thrown ({@code ColsealException}, {@code UsageException}). */
  abstract CommandReport execute(Context context);
}
