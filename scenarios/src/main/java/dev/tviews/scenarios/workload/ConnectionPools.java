package dev.tviews.scenarios.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.util.Properties;

/** HikariCP pools for workload runs. */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    /** A pool of exactly {@code size} connections; close it after the run. Credentials stay in {@code properties}. */
    public static HikariDataSource hikari(String jdbcUrl, Properties properties, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("tviews-workload");
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }
}
