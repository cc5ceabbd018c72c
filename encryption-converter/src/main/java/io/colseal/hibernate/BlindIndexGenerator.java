package io.colseal.hibernate;

import io.colseal.hibernate.BlindIndex;
import java.util.EnumSet;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a {@code @BlindIndex} attribute in step with its source: before every insert and every
 * update of the entity, Hibernate sets the attribute to the source attribute's current value, which
 * the attribute's {@link BlindIndexConverter} turns into the index when it is bound. An update
 * happens only when the entity is dirty, so loading and flushing an unchanged entity writes
 * nothing; with {@code @DynamicUpdate} the index column is part of every update Hibernate issues
 * for the entity.
 */
public final class BlindIndexGenerator implements BeforeExecutionGenerator {
  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * Created by Hibernate for each {@code @BlindIndex} attribute. Hibernate 6.6, 7.2 and 7.4 all
   * accept this one-argument form (6.6 knows no {@code (annotation, context)} constructor).
   */
  public BlindIndexGenerator(BlindIndex annotation) {
    this.source = annotation.of();
  }

  @Override
  public @Nullable Object generate(SharedSessionContractImplementor session, Object owner,
      @Nullable Object currentValue, EventType eventType) {
    Object value = session.getEntityPersister(null, owner).getPropertyValue(owner, source);
    if (value != null && !(value instanceof String)) {
      throw new IllegalStateException("@BlindIndex(of = \"" + source + "\") indexes String attributes only");
    }
    return value;
  }

  @Override
  public EnumSet<EventType> getEventTypes() {
    return EventTypeSets.INSERT_AND_UPDATE;
  }

  @Override
  public String toString() {
    return "BlindIndexGenerator[of " + source + "]";
  }
}
