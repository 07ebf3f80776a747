package com.privacycasemanager.datamap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.mock.env.MockEnvironment;

/** Startup checks the map against the live database and names what is missing. */
class ConnectedSystemsTest {

  @Test
  void aMissingTableOrColumnFailsStartupNamingTheEntry() throws Exception {
    String url = "jdbc:h2:mem:cs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("create table customers (id bigint primary key, email varchar(100))");
      assertThatThrownBy(() -> start(url, "email_address"))
          .isInstanceOf(DataMapException.class)
          .hasMessageContaining("system 'shop' table 'customers': column 'email_address' does not exist");
      assertThatThrownBy(() -> start(url.replace("cs-", "other-"), "email"))
          .isInstanceOf(DataMapException.class)
          .hasMessageContaining("system 'shop' table 'customers' does not exist");
      start(url, "email").destroy();
    }
  }

  private static ConnectedSystems start(String url, String emailColumn) {
    String yaml = """
        business: {name: Test}
        systems:
          - id: shop
            datasource: {url: "%s"}
            tables:
              - name: customers
                key: id
                identity: {EMAIL: %s}
                retention: 1 year
                columns:
                  id: {category: IDENTIFIERS, erasure: DELETE_ROW}
                  %s: {category: IDENTIFIERS}
        """.formatted(url, emailColumn, emailColumn);
    DefaultResourceLoader loader = new DefaultResourceLoader() {
      @Override
      public Resource getResource(String location) {
        return new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8));
      }
    };
    @SuppressWarnings("unchecked")
    ObjectProvider<DemoBusiness> none = org.mockito.Mockito.mock(ObjectProvider.class);
    return new ConnectedSystems("inline.yml", 2, loader, new MockEnvironment(), none);
  }
}
