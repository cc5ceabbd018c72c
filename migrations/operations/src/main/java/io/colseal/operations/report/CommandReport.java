package io.colseal.operations.report;

import io.colseal.keys.UnreadableKeyVersion;
import java.util.List;

/** The result of one command: written as JSON with {@code --json}, otherwise as {@link #toText()}. */
public interface CommandReport {
  /** The plain-text form: aligned tables and short sentences, ending with a newline. */
  String toText();

  /**
   * Key versions the command left alone because this release cannot read their rows ({@code
   * KEY_UNSUPPORTED}); the command still did its work for everything else. Non-empty makes the
   * {@code colseal} command exit with 25 after writing the report.
   */
  default List<UnreadableKeyVersion> unreadable() {
    return List.of();
  }
}
