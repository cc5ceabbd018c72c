package io.colseal.mybatis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.jspecify.annotations.Nullable;

/**
 * The MyBatis plugin that makes deterministic columns searchable across key versions: every
 * statement an executor runs gets its SQL through {@link SearchableSql#rewrite}. It replaces the
 * statement by a copy whose {@link SqlSource} rewrites (one copy per statement, kept for the
 * Configuration's life, so a batch executor still reuses its prepared statement); a query that
 * arrives with its {@link BoundSql} already made (another plugin's) has that rewritten. Holds no
 * {@link io.colseal.Colseal}: the handlers in the statement carry theirs.
 *
 * <p>Nested selects ({@code <association select=...>}) are run by MyBatis below the plugins and
 * are not rewritten: their deterministic parameters are bound to the ACTIVE key version only.
 */
@Intercepts({
    @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
            BoundSql.class}),
    @Signature(type = Executor.class, method = "queryCursor",
        args = {MappedStatement.class, Object.class, RowBounds.class})})
final class SearchInterceptor implements Interceptor {
  private final Map<MappedStatement, MappedStatement> copies = new ConcurrentHashMap<>();

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Object[] args = invocation.getArgs();
    MappedStatement ms = (MappedStatement) args[0];
    if (args.length == 6) {
      args[5] = SearchableSql.rewrite(ms.getConfiguration(), ms.getId(), (BoundSql) args[5]);
    } else if (!(ms.getSqlSource() instanceof Searchable)) {
      args[0] = copies.computeIfAbsent(ms, SearchInterceptor::searchable);
    }
    return invocation.proceed();
  }

  /** The SQL source of the copies: the original's bound SQL, rewritten. */
  private record Searchable(MappedStatement original) implements SqlSource {
    @Override
    public BoundSql getBoundSql(Object parameterObject) {
      return SearchableSql.rewrite(original.getConfiguration(), original.getId(),
          original.getSqlSource().getBoundSql(parameterObject));
    }
  }

  private static MappedStatement searchable(MappedStatement ms) {
    return new MappedStatement.Builder(ms.getConfiguration(), ms.getId(), new Searchable(ms), ms.getSqlCommandType())
        .resource(ms.getResource()).fetchSize(ms.getFetchSize()).timeout(ms.getTimeout())
        .statementType(ms.getStatementType()).resultSetType(ms.getResultSetType()).parameterMap(ms.getParameterMap())
        .resultMaps(ms.getResultMaps()).cache(ms.getCache()).flushCacheRequired(ms.isFlushCacheRequired())
        .useCache(ms.isUseCache()).resultOrdered(ms.isResultOrdered()).keyGenerator(ms.getKeyGenerator())
        .keyProperty(join(ms.getKeyProperties())).keyColumn(join(ms.getKeyColumns())).databaseId(ms.getDatabaseId())
        .lang(ms.getLang()).resultSets(join(ms.getResultSets())).dirtySelect(ms.isDirtySelect()).build();
  }

  private static @Nullable String join(String @Nullable [] names) {
    return names == null ? null : String.join(",", names);
  }
}
