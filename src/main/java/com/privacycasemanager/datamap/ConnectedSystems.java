package com.privacycasemanager.datamap;

import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The data map and a connection pool per system. At startup it loads the map, lets the demo
 * business create its tables (embedded default only), and then checks every table and column the
 * map names against the live database, failing with a message that names the entry.
 */
@Component
public class ConnectedSystems implements DisposableBean {

  private final DataMap map;
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

  public ConnectedSystems(
      @Value("${privacy.data-map.location}") String location,
      @Value("${privacy.data-map.pool-size:4}") int poolSize,
      ResourceLoader resources,
      Environment environment,
      ObjectProvider<DemoBusiness> demoBusiness) {
    this.map = DataMapLoader.load(resources.getResource(location), location, environment::resolveRequiredPlaceholders);
    try {
      for (DataSystem system : map.systems()) {
        pools.put(system.id(), pool(system, poolSize));
      }
      demoBusiness.ifAvailable(demo -> demo.createIfMissing(this));
      for (DataSystem system : map.systems()) {
        checkSchema(location, system);
      }
    } catch (RuntimeException e) {
      destroy();
      throw e;
    }
  }

  public DataMap map() {
    return map;
  }

  public DataSource dataSource(String systemId) {
    DataSource ds = pools.get(systemId);
    if (ds == null) {
      throw new IllegalArgumentException("no system '" + systemId + "' in the data map");
    }
    return ds;
  }

  private static HikariDataSource pool(DataSystem system, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("pcm-system-" + system.id());
    config.setJdbcUrl(system.datasource().url());
    if (system.datasource().username() != null) {
      config.setUsername(system.datasource().username());
    }
    if (system.datasource().password() != null) {
      config.setPassword(system.datasource().password());
    }
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private void checkSchema(String location, DataSystem system) {
    String where = "data map " + location + ": system '" + system.id() + "'";
    try (Connection c = pools.get(system.id()).getConnection(); Statement st = c.createStatement()) {
      for (Table table : system.tables()) {
        Set<String> present = new TreeSet<>();
        try (ResultSet rs = st.executeQuery("select * from " + table.name() + " where 1 = 0")) {
          ResultSetMetaData meta = rs.getMetaData();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            present.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
          }
        } catch (SQLException e) {
          throw new DataMapException(where + " table '" + table.name() + "' does not exist (" + e.getSQLState() + ")");
        }
        for (String column : table.columns().keySet()) {
          if (!present.contains(column.toLowerCase(Locale.ROOT))) {
            throw new DataMapException(
                where + " table '" + table.name() + "': column '" + column + "' does not exist; the table has " + present);
          }
        }
      }
    } catch (SQLException e) {
      throw new DataMapException(where + ": cannot connect (" + e.getMessage() + ")");
    }
  }

  @Override
  public void destroy() {
    pools.values().forEach(HikariDataSource::close);
  }
}
