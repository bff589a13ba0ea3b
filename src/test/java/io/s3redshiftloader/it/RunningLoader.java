package io.s3redshiftloader.it;

import io.s3redshiftloader.LoaderApplication;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A long-running loader inside the test JVM (polling or reading a queue), stopped on close. */
final class RunningLoader implements AutoCloseable {
    private final LoaderApplication loader;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final Future<Integer> exit;

    private RunningLoader(LoaderApplication loader) {
        this.loader = loader;
        this.exit = runner.submit(loader::run);
    }

    static RunningLoader start(Map<String, String> environment) {
        return new RunningLoader(new LoaderApplication(TestStack.Scenario.settings(environment), Map.of()));
    }

    /** Waits until S3 and the database have answered and the loader takes files. */
    void awaitTakingFiles(Duration timeout) throws InterruptedException {
        Waits.until(timeout, "the loader takes files", loader::takingFiles);
    }

    /** Stops the loader and returns its exit code. */
    int stop() throws Exception {
        loader.stop();
        return exit.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        loader.stop();
        runner.shutdownNow();
    }
}
