package io.colseal.kms.pkcs11;

import io.colseal.testing.TestConventions;
import org.junit.jupiter.api.Test;

/** This module's tests keep {@link TestConventions}, checked over the compiled test classes beside this one. */
class TestConventionsTest {
  @Test
  void testMethods_takingADatabase_areEachDatabaseTests() {
    TestConventions.assertDatabaseTestsRunOnEachDatabase(TestConventionsTest.class);
  }
}
