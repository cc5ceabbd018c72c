package io.colseal.spring.boot4;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data over {@link Note}. */
public interface NoteRepository extends JpaRepository<Note, Long> {}
