package io.s3redshiftloader.observe;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The PostgreSQL driver logs through java.util.logging, whose own console handler prints plain text on stderr: sent
 * to SLF4J instead, its lines come out in the loader's format (JSON stays JSON) and under logback.xml's levels.
 */
public final class JavaLogging {
    private JavaLogging() {
    }

    public static synchronized void toSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
