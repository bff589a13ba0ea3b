package io.s3redshiftloader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.bench.Measurement.Method;
import io.s3redshiftloader.it.TestStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness (mvn exec:java@bench) works end to end on a small file, warm loader included. Times are never asserted. */
class BenchmarkSmokeIT {

    @Test
    void loaderColdAndWarmCeilingAndNaiveRouteLoadTheSameRowsOfOneFile(@TempDir Path directory) throws Exception {
        LoaderJar jar = new LoaderJar(Path.of("target", "s3-redshift-loader.jar"), Path.of("."), List.of());
        Benchmark benchmark = new Benchmark(TestStack.aws(), TestStack.warehouse(), jar, directory, Map.of());

        List<Measurement> measurements = benchmark.compare(2_000, true);

        assertEquals(List.of(Method.LOADER, Method.LOADER_WARM, Method.CEILING, Method.NAIVE), measurements.stream().map(Measurement::method).toList());
        // The generator is deterministic: these 2,000 rows always hold 1,002 with amount > 500.
        measurements.forEach(m -> assertEquals(1_002, m.loadedRows(), m.method().label));
        assertTrue(measurements.get(0).peakRssBytes().getAsLong() > 0, "the loader's peak RSS is measured");
        String table = ResultTable.markdown(measurements);
        assertEquals(2 + 4, table.lines().count(), table);
        assertTrue(table.contains("warm loader/ceiling"), table);
        assertTrue(table.contains("naive/warm loader"), table);
    }
}
