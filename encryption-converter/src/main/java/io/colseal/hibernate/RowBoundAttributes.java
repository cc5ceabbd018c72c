package io.colseal.hibernate;

import io.colseal.RowKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreLoadEvent;
import org.hibernate.event.spi.PreLoadEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.generator.Generator;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Gives {@code @Encrypted(bindToRow = true)} attributes their row, which a JPA converter never sees.
 *
 * <ul>
 *   <li>Writes: Hibernate binds an entity's values right after its pre-insert or pre-update event,
 *       on the same thread, and fires the post event after. Between the two, the entity's id is the
 *       row the converter binds values to; outside them a row-bound converter has no row and refuses
 *       (a bulk {@code update}, a query parameter).
 *   <li>Reads: the converter returns the stored envelope as it is, and remembers that object; the
 *       pre-load event, which carries the id and the state Hibernate then sets on the entity and
 *       keeps as its loaded state, replaces each remembered envelope by its value decrypted with the
 *       row's key. State that did not come from the converter (the second-level cache holds
 *       decrypted values) is left alone.
 * </ul>
 */
final class RowBoundAttributes implements PreInsertEventListener, PreUpdateEventListener, PostInsertEventListener,
    PostUpdateEventListener, PreLoadEventListener {
  private static final long serialVersionUID = 1L;
  /** The id of the entity whose insert or update is being bound on this thread. */
  private static final ThreadLocal<Object> WRITING = new ThreadLocal<>();
  /** Envelopes the converters returned on this thread, not yet decrypted by a pre-load event. */
  private static final ThreadLocal<IdentityHashMap<Object, Boolean>> PENDING =
      ThreadLocal.withInitial(IdentityHashMap::new);
  /** A thread that reads envelopes no pre-load event claims (never expected) does not grow without bound. */
  private static final int PENDING_LIMIT = 100_000;

  /** Row-bound attributes of every SessionFactory: declaring class name + '#' + attribute to description. */
  private static final Map<String, String> BOUND = new ConcurrentHashMap<>();

  private final transient SessionFactoryImplementor sessionFactory;
  private final transient List<EncryptingConverter<?, ?>> converters;
  private final transient Map<String, Slot[]> slots = new ConcurrentHashMap<>();

  /** A row-bound attribute of a persister: its index in the entity's state, and its converter. */
  private record Slot(int index, EncryptingConverter<?, ?> converter) {}

  RowBoundAttributes(SessionFactoryImplementor sessionFactory, List<EncryptingConverter<?, ?>> converters) {
    this.sessionFactory = sessionFactory;
    this.converters = List.copyOf(converters);
  }

  /** The row a row-bound value written now belongs to; refuses outside an entity's insert or update. */
  static RowKey writingRow(EncryptingConverter<?, ?> converter) {
    Object id = WRITING.get();
    if (id == null) {
      ColumnBinding b = converter.binding();
      throw new ColsealMappingException((b == null ? "a row-bound attribute" : b.where() + " (" + b.table() + '.'
          + b.column() + ")") + " is bound to its row, and is written only by persisting or changing its entity;"
          + " a bulk update or a query parameter has no row");
    }
    return RowKey.of(id);
  }

  /** {@code stored}, remembered until the pre-load event of its entity decrypts it. */
  static Object deferred(Object stored) {
    IdentityHashMap<Object, Boolean> pending = PENDING.get();
    if (pending.size() >= PENDING_LIMIT) {
      pending.clear();
    }
    pending.put(stored, Boolean.TRUE);
    return stored;
  }

  /**
   * Checks every entity with a row-bound attribute: a simple id, assigned before the insert (not
   * IDENTITY), and the attribute in the entity's own state.
   */
  void verify() {
    for (EncryptingConverter<?, ?> c : converters) {
      ColumnBinding b = java.util.Objects.requireNonNull(c.binding(), "binding");
      EntityPersister p = sessionFactory.getMappingMetamodel().getEntityDescriptor(b.entity());
      String where = b.where() + " (" + b.table() + '.' + b.column() + ")";
      if (p.getIdentifierType().isComponentType()) {
        throw new ColsealMappingException(where + ": bindToRow needs a simple id; " + b.entity()
            + " has a composite id");
      }
      Generator generator = p.getGenerator();
      if (generator != null && generator.generatedOnExecution()) {
        throw new ColsealMappingException(where + ": bindToRow needs the id before the row is inserted, but "
            + b.entity() + "'s id is generated by the database during the insert (IDENTITY). Use"
            + " @GeneratedValue(strategy = GenerationType.SEQUENCE), a table or UUID generator, or assign the id");
      }
      if (!Arrays.asList(p.getPropertyNames()).contains(b.attribute())) {
        throw new ColsealMappingException(where + ": bindToRow needs an attribute of the entity itself");
      }
      BOUND.put(p.getMappedClass().getName() + '#' + b.attribute(), where);
    }
  }

  private Slot[] slots(EntityPersister persister) {
    return slots.computeIfAbsent(persister.getEntityName(), name -> {
      List<Slot> out = new ArrayList<>();
      List<String> names = Arrays.asList(persister.getPropertyNames());
      for (EncryptingConverter<?, ?> c : converters) {
        ColumnBinding b = c.binding();
        if (b == null) {
          continue;
        }
        Class<?> declaring = sessionFactory.getMappingMetamodel().getEntityDescriptor(b.entity()).getMappedClass();
        int index = names.indexOf(b.attribute());
        if (index >= 0 && declaring.isAssignableFrom(persister.getMappedClass())) {
          out.add(new Slot(index, c));
        }
      }
      return out.toArray(new Slot[0]);
    });
  }

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    if (slots(event.getPersister()).length > 0) {
      WRITING.set(event.getId());
    }
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    if (slots(event.getPersister()).length > 0) {
      WRITING.set(event.getId());
    }
    return false;
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    WRITING.remove();
  }

  @Override
  public void onPostUpdate(PostUpdateEvent event) {
    WRITING.remove();
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return false;
  }

  @Override
  public void onPreLoad(PreLoadEvent event) {
    Slot[] bound = slots(event.getPersister());
    if (bound.length == 0) {
      return;
    }
    Object[] state = event.getState();
    IdentityHashMap<Object, Boolean> pending = PENDING.get();
    RowKey row = null;
    for (Slot s : bound) {
      Object v = state[s.index()];
      if (v != null && pending.remove(v) != null) {
        if (row == null) {
          row = RowKey.of(event.getId());
        }
        state[s.index()] = s.converter().openBound(v, row);
      }
    }
  }

  @Override
  public String toString() {
    return "RowBoundAttributes" + converters;
  }

  /** {@code Entity.attribute (table.column)} if {@code attribute} of {@code owner} (or a superclass) is row-bound. */
  static @Nullable String describeBound(@Nullable Class<?> owner, String attribute) {
    for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
      String where = BOUND.get(c.getName() + '#' + attribute);
      if (where != null) {
        return where;
      }
    }
    return null;
  }
}
