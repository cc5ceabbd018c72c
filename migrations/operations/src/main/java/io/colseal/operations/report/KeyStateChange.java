package io.colseal.operations.report;

/**
 * {@code colseal keys retire|reactivate|destroy}: one version's state before and after.
 *
 * @param action {@code retire}, {@code reactivate} or {@code destroy}
 * @param forced whether {@code --force} skipped the check for rows still under the version
 */
public record KeyStateChange(String action, String table, int version, String previousState, String state,
    boolean forced) implements CommandReport {

  @Override
  public String toText() {
    return "Key " + table + " v" + version + ": " + previousState + " -> " + state + (forced ? " (forced)" : "") + '\n';
  }
}
