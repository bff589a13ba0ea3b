package io.s3redshiftloader.start;

import io.s3redshiftloader.config.ConfigurationException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;

/**
 * Checks the routes read from LOADER_ROUTES before any of them starts: every {@code direct:} endpoint a route sends to
 * must be some route's input, and every route configuration a route names must be defined. Otherwise Camel would
 * start, and fail each file after its retries ("No consumers available on endpoint") — as when routes/filter.yaml is
 * left out of the list — or run without the retries routes/error-handling.yaml declares.
 */
public final class RouteCheck {
    private RouteCheck() {
    }

    public static void check(ModelCamelContext context) {
        List<RouteDefinition> routes = context.getRouteDefinitions();
        Set<String> inputs = new TreeSet<>();
        for (RouteDefinition route : routes) {
            inputs.add(endpoint(route.getInput().getEndpointUri()));
        }
        Set<String> configurations = new TreeSet<>();
        for (RouteConfigurationDefinition configuration : context.getRouteConfigurationDefinitions()) {
            configurations.add(configuration.getId());
        }
        Set<String> missingEndpoints = new TreeSet<>();
        Set<String> missingConfigurations = new TreeSet<>();
        for (RouteDefinition route : routes) {
            for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                String target = endpoint(to.getEndpointUri());
                if (target.startsWith("direct:") && !inputs.contains(target)) {
                    missingEndpoints.add(target + " (called by route " + route.getRouteId() + ")");
                }
            }
            String configuration = route.getRouteConfigurationId();
            if (configuration != null && !configurations.contains(configuration)) {
                missingConfigurations.add(configuration);
            }
        }
        if (!missingEndpoints.isEmpty()) {
            throw new ConfigurationException("LOADER_ROUTES: no route in the listed files takes " + String.join(", ", missingEndpoints)
                    + "; add the file that defines it (routes/filter.yaml defines direct:row-filter)");
        }
        if (!missingConfigurations.isEmpty()) {
            throw new ConfigurationException("LOADER_ROUTES: no listed file defines the route configurations " + String.join(", ", missingConfigurations)
                    + "; add routes/error-handling.yaml");
        }
    }

    /** The endpoint without its options, scheme spelled as written: {@code direct:load-file?synchronous=true} is {@code direct:load-file}. */
    private static String endpoint(String uri) {
        String withoutOptions = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return withoutOptions.replace("direct://", "direct:");
    }
}
