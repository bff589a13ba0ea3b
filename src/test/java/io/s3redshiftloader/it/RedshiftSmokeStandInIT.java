package io.s3redshiftloader.it;

import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real-cluster smoke test ({@link ClusterSmoke}) run on every build against the stand-in: the Redshift driver
 * through the relay to PostgreSQL, the emulator for S3, SNS and SQS, and COPY played by {@link S3CopyStandIn}. What it
 * proves here is that the smoke test itself works; what it proves on a cluster is listed in the README.
 */
class RedshiftSmokeStandInIT {

    @Test
    void theSmokeTestPassesAgainstTheStandIn() throws Exception {
        LocalAws aws = TestStack.aws();
        TestStack.Scenario scenario = TestStack.scenario();
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            String jdbcUrl = relay.jdbcUrl(TestStack.warehouse().database());
            ClusterSmoke smoke = new ClusterSmoke(aws.s3(), aws.sns(), aws.sqs(), scenario.bucket(), scenario.topicArn(), RedshiftS3CopyIT.ROLE,
                    () -> DriverManager.getConnection(jdbcUrl, TestStack.warehouse().user(), TestStack.warehouse().password()));
            Map<String, String> settings = new HashMap<>(scenario.environment(jdbcUrl));
            smoke.run(settings, env -> new LoaderApplication(TestStack.Scenario.settings(env), Map.of())
                    .copyFromS3With(new S3CopyStandIn(null, false)).run());
        }
    }
}
