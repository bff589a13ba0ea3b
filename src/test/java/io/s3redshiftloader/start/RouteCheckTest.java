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

/** The routes as shipped, read as Camel Main reads them (not started): the files call each other's routes. */
class RouteCheckTest {
    private static final String ERRORS = "file:routes/error-handling.yaml";
    private static final String SOURCES = "file:routes/sources.yaml";
    private static final String LOAD = "file:routes/load-file.yaml";
    private static final String SETTLE = "file:routes/settle.yaml";
    private static final String FILTER = "file:routes/filter.yaml";

    @Test
    void theShippedRoutesTogetherPass() throws Exception {
        try (DefaultCamelContext context = routes(ERRORS, SOURCES, LOAD, SETTLE, FILTER)) {
            assertDoesNotThrow(() -> RouteCheck.check(context));
        }
    }

    @Test
    void theShippedRoutesWithAnExampleFilterPass() throws Exception {
        try (DefaultCamelContext context = routes(ERRORS, SOURCES, LOAD, SETTLE, "file:routes/examples/nzd-amount-range.yaml")) {
            assertDoesNotThrow(() -> RouteCheck.check(context));
        }
    }

    @Test
    void theLoaderRoutesWithoutTheFilterAreRefusedNamingTheSettingAndTheMissingEndpoint() throws Exception {
        assertEquals("LOADER_ROUTES: no route in the listed files takes direct:row-filter (called by route load-file); add the file"
                + " that defines it (routes/filter.yaml defines direct:row-filter)", refusal(ERRORS, SOURCES, LOAD, SETTLE));
    }

    @Test
    void theLoadWithoutItsSettlingIsRefusedNamingEachMissingEndpoint() throws Exception {
        assertEquals("LOADER_ROUTES: no route in the listed files takes direct:dead-letter (called by route load-one-file),"
                + " direct:file-loaded (called by route load-one-file); add the file that defines it (routes/filter.yaml defines"
                + " direct:row-filter)", refusal(ERRORS, SOURCES, LOAD, FILTER));
    }

    @Test
    void theRoutesWithoutTheirErrorHandlingAreRefusedNamingTheMissingConfigurations() throws Exception {
        assertEquals("LOADER_ROUTES: no listed file defines the route configurations best-effort, one-attempt,"
                + " retry-transient-faults; add routes/error-handling.yaml", refusal(SOURCES, LOAD, SETTLE, FILTER));
    }

    private static String refusal(String... locations) throws Exception {
        try (DefaultCamelContext context = routes(locations)) {
            return assertThrows(ConfigurationException.class, () -> RouteCheck.check(context)).getMessage();
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
