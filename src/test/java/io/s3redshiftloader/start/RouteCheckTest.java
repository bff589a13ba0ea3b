package io.s3redshiftloader.start;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3redshiftloader.config.ConfigurationException;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** The routes as shipped, read as Camel Main reads them (not started): the loader's routes call the filter's. */
class RouteCheckTest {
    @Test
    void theShippedRoutesTogetherPass() throws Exception {
        try (DefaultCamelContext context = routes("file:routes/loader.yaml", "file:routes/filter.yaml")) {
            assertDoesNotThrow(() -> RouteCheck.check(context.getRouteDefinitions()));
        }
    }

    @Test
    void theLoaderRoutesWithoutTheFilterAreRefusedNamingTheSettingAndTheMissingEndpoint() throws Exception {
        try (DefaultCamelContext context = routes("file:routes/loader.yaml")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RouteCheck.check(context.getRouteDefinitions()));
            assertEquals("LOADER_ROUTES: no route in the listed files takes direct:row-filter (called by route load-file); add the file"
                    + " that defines it (routes/filter.yaml defines direct:row-filter)", e.getMessage());
        }
    }

    private static DefaultCamelContext routes(String... locations) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("loader.polling", "true");
        properties.setProperty("loader.queueMode", "false");
        context.getPropertiesComponent().setInitialProperties(properties);
        for (String location : locations) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, location));
        }
        return context;
    }
}
