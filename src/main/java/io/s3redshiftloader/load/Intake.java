package io.s3redshiftloader.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the loader takes new files: closed until S3 and the database have answered, open while it runs, closed again
 * once it is stopping. While closed, the consumers of the routes that bring files in (every route not fed by
 * {@code direct:}, i.e. the poll timer and the SQS queue) are suspended, and a poll already under way begins no further
 * file. Camel's supervising route controller starts routes after the context, so a poll may fire before its consumer is
 * held: the poll route asks {@link #takesFiles()} first. A route added or reloaded later gets the same policy.
 */
public final class Intake extends RoutePolicySupport implements RoutePolicyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** Where the intake stands, for the readiness check. */
    public enum State { STARTING, OPEN, STOPPING }

    private final Set<Route> intakeRoutes = ConcurrentHashMap.newKeySet();
    private volatile State state = State.STARTING;

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return this;
    }

    @Override
    public synchronized void onStart(Route route) {
        if (!route.getEndpoint().getEndpointUri().startsWith("direct:")) {
            intakeRoutes.add(route);
            if (state != State.OPEN) {
                suspend(route);
            }
        }
    }

    @Override
    public void onRemove(Route route) {
        intakeRoutes.remove(route);
    }

    /** Dependencies answered: files are taken from now on. */
    public synchronized void open() {
        if (state == State.STARTING) {
            state = State.OPEN;
            for (Route route : intakeRoutes) {
                try {
                    resumeOrStartConsumer(route.getConsumer());
                } catch (Exception e) {
                    LOG.error("Route {} could not resume taking files: {}", route.getRouteId(), e.getMessage());
                }
            }
        }
    }

    /** Stopping: no new file is begun; those loading go on. */
    public synchronized void close() {
        state = State.STOPPING;
        intakeRoutes.forEach(this::suspend);
    }

    /** Whether a file not begun yet may be begun now. */
    public boolean takesFiles() {
        return state == State.OPEN;
    }

    public State state() {
        return state;
    }

    private void suspend(Route route) {
        try {
            suspendOrStopConsumer(route.getConsumer());
        } catch (Exception e) {
            LOG.warn("Route {} could not be paused: {}", route.getRouteId(), e.getMessage());
        }
    }
}
