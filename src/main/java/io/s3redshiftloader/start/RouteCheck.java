package io.s3redshiftloader.start;

import io.s3redshiftloader.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;

/**
 * Checks the routes read from LOADER_ROUTES before any of them starts: every {@code direct:} endpoint a route sends to
 * must be some route's input. Otherwise Camel would start, and fail each file after its retries ("No consumers
 * available on endpoint") — as when routes/filter.yaml is left out of the list.
 */
public final class RouteCheck {
    private RouteCheck() {
    }

    public static void check(List<RouteDefinition> routes) {
        Set<String> inputs = new TreeSet<>();
        for (RouteDefinition route : routes) {
            inputs.add(endpoint(route.getInput().getEndpointUri()));
        }
        Set<String> missing = new TreeSet<>();
        for (RouteDefinition route : routes) {
            for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                String target = endpoint(to.getEndpointUri());
                if (target.startsWith("direct:") && !inputs.contains(target)) {
                    missing.add(target + " (called by route " + route.getRouteId() + ")");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("LOADER_ROUTES: no route in the listed files takes " + String.join(", ", new ArrayList<>(missing))
                    + "; add the file that defines it (routes/filter.yaml defines direct:row-filter)");
        }
    }

    /** The endpoint without its options, scheme spelled as written: {@code direct:load-file?synchronous=true} is {@code direct:load-file}. */
    private static String endpoint(String uri) {
        String withoutOptions = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return withoutOptions.replace("direct://", "direct:");
    }
}
