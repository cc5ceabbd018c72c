package io.colseal.internal.keyring;

import java.util.concurrent.atomic.LongAdder;

/** What the key ring counts since it started, shared by its parts. Thread safe. */
final class KeyRingCounters {
  final LongAdder generateCalls = new LongAdder();
  final LongAdder unwrapCalls = new LongAdder();
  final LongAdder decryptions = new LongAdder();
  final LongAdder rotations = new LongAdder();
  final LongAdder refreshFailures = new LongAdder();
}
