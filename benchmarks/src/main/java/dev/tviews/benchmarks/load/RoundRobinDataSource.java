package dev.tviews.benchmarks.load;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/** Hands out connections from several pools in turn: the scenario's reads spread over the replicas. */
final class RoundRobinDataSource implements DataSource {

    private final List<? extends DataSource> sources;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobinDataSource(List<? extends DataSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no data source to take turns between");
        }
        this.sources = List.copyOf(sources);
    }

    private DataSource nextSource() {
        return sources.get(Math.floorMod(next.getAndIncrement(), sources.size()));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return nextSource().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return nextSource().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return sources.get(0).getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        for (DataSource s : sources) {
            s.setLogWriter(out);
        }
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        for (DataSource s : sources) {
            s.setLoginTimeout(seconds);
        }
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return sources.get(0).getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger for a set of pools");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
