/**
 * Realistic, reproducible sample data: Korean names, 주민등록번호 with a valid date and check digit,
 * Luhn-valid card numbers, Korean phone and bank account number formats. All of it is made up.
 */
@NullMarked
package io.colseal.sample.data;

import org.jspecify.annotations.NullMarked;
