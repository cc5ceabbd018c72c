package io.colseal.cli;

import io.colseal.cli.internal.Context;
import io.colseal.operations.report.CommandReport;
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
    return 0;
  }

  /** Does the work; failures are thrown ({@code ColsealException}, {@code UsageException}). */
  abstract CommandReport execute(Context context);
}
