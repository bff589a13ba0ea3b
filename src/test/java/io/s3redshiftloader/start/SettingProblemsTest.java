package io.s3redshiftloader.start;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.s3.RegionNotFoundException;
import io.s3redshiftloader.warehouse.TableSetupException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingProblemsTest {

    @Test
    void everyProblemOfTheSettingsIsALine() {
        assertEquals(List.of("AWS_BUCKET_NAME: required", "S3_PREFIX: bad"),
                SettingProblems.in(new ConfigurationException(List.of("AWS_BUCKET_NAME: required", "S3_PREFIX: bad"))));
    }

    @Test
    void aTableOrRegionProblemIsFoundUnderWhatCamelWrapsItIn() {
        assertEquals(List.of("TABLE_NAME: table public.t does not exist and TABLE_AUTO_CREATE is false"), SettingProblems.in(
                new RuntimeException("route failed", new TableSetupException("TABLE_NAME: table public.t does not exist and TABLE_AUTO_CREATE is false"))));
        assertEquals(List.of("AWS_REGION: not set"), SettingProblems.in(new IllegalStateException(new RegionNotFoundException("AWS_REGION: not set"))));
    }

    @Test
    void anyOtherFailureIsNoSettingProblem() {
        assertEquals(List.of(), SettingProblems.in(new IllegalStateException("the database went away", new RuntimeException("reset"))));
    }
}
