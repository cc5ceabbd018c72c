package io.colseal.spring.mybatis;

/** A row of {@code notes}. */
public class Note {
  public int id;
  public String body;
}
