package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.load.ErrorSentences;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS decision mirrors what the drivers do, as observed on the wire with Redshift JDBC 2.3.0 and pgjdbc 42.7
 * (does the first packet ask for SSL, does a refusal fall back to plain text).
 */
class JdbcUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev",
            "jdbc:redshift://h:5439/dev?ssl=true",
            "jdbc:redshift://h:5439/dev?SSL=TRUE",
            "jdbc:redshift://h:5439/dev?ssl",
            "jdbc:redshift://h:5439/dev?ssl=",
            "jdbc:redshift://h:5439/dev?ssl=false&ssl=true",
            "jdbc:redshift://h:5439/dev?sslmode=verify-ca",
            // The driver refuses to connect with any sslmode but verify-ca and verify-full: never plain text.
            "jdbc:redshift://h:5439/dev?sslmode=disable",
            // IAM authentication refuses to run without TLS, whatever ssl says.
            "jdbc:redshift:iam://analytics:eu-west-1/dev",
            "jdbc:redshift:iam://analytics:eu-west-1/dev?ssl=false",
            "jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=true&serverlessWorkGroup=etl-wg",
            "jdbc:postgresql://db.example.com:5432/dev?sslmode=require",
            "jdbc:postgresql://db.example.com:5432/dev?sslmode=verify-full",
            "jdbc:postgresql://db.example.com:5432/dev?ssl=true"})
    void encrypted(String url) {
        assertTrue(new JdbcUrl(url).encrypted(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://h:5439/dev?ssl=false",
            "jdbc:redshift://h:5439/dev?SSL=False",
            "jdbc:redshift://h:5439/dev;ssl=false",
            "jdbc:redshift://h:5439/dev?user=u&ssl=no",
            "jdbc:redshift://h:5439/dev?ssl=0",
            "jdbc:redshift://h:5439/dev?ssl=%66alse",
            "jdbc:redshift://h:5439/dev?ssl=true&ssl=false",
            // pgjdbc's default, prefer, falls back to plain text when the server (or whoever answers) declines TLS.
            "jdbc:postgresql://db.example.com:5432/dev",
            "jdbc:postgresql://db.example.com:5432/dev?sslmode=prefer",
            "jdbc:postgresql://db.example.com:5432/dev?sslmode=disable",
            "jdbc:postgresql://db.example.com:5432/dev?ssl=false",
            // pgjdbc reads parameter names exactly: SSLMODE is not sslmode.
            "jdbc:postgresql://db.example.com:5432/dev?SSLMODE=require"})
    void notEncrypted(String url) {
        assertFalse(new JdbcUrl(url).encrypted(), url);
    }

    @Test
    void hostsAreReadFromTheAuthority() {
        assertEquals(List.of("h.example"), new JdbcUrl("jdbc:redshift://h.example:5439/dev?ssl=false").hosts());
        assertEquals(List.of("h.example"), new JdbcUrl("jdbc:redshift://h.example:5439;ssl=false").hosts());
        assertEquals(List.of("analytics"), new JdbcUrl("jdbc:redshift:iam://analytics:eu-west-1/dev").hosts());
        assertEquals(List.of("::1", "10.0.0.7"), new JdbcUrl("jdbc:postgresql://[::1]:5432,10.0.0.7:5432/dev").hosts());
        assertEquals(List.of("localhost"), new JdbcUrl("jdbc:postgresql:dev").hosts());
        assertEquals(List.of("localhost"), new JdbcUrl("jdbc:postgresql:///dev").hosts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:redshift://127.0.0.1:5439/dev", "jdbc:redshift://127.0.5.1:5439/dev", "jdbc:redshift://localhost/dev",
            "jdbc:redshift://LOCALHOST:5439/dev", "jdbc:postgresql://[::1]:5432/dev", "jdbc:postgresql:dev",
            "jdbc:postgresql://127.0.0.1:5432,localhost:5433/dev"})
    void loopback(String url) {
        assertTrue(new JdbcUrl(url).loopbackOnly(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:redshift://10.0.0.7:5439/dev", "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev",
            "jdbc:redshift://localhost.evil.example:5439/dev", "jdbc:redshift://127.0.0.1.nip.io:5439/dev",
            "jdbc:postgresql://127.0.0.1:5432,db.example.com:5432/dev"})
    void notLoopback(String url) {
        assertFalse(new JdbcUrl(url).loopbackOnly(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift:iam://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev",
            "jdbc:redshift:iam://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com/dev",
            "jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=true&serverlessWorkGroup=etl-wg",
            "jdbc:redshift:iam://etl.example.com:5439/dev;IsServerless=TRUE;serverlessWorkGroup=etl-wg"})
    void serverlessIam(String url) {
        assertTrue(new JdbcUrl(url).serverless(), url);
        assertTrue(new JdbcUrl(url).iamAuth(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift:iam://analytics:eu-west-1/dev",
            "jdbc:redshift:iam://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev",
            "jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=false",
            // Password authentication: no IAM at all.
            "jdbc:redshift://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev",
            "jdbc:postgresql://127.0.0.1/dev"})
    void notServerlessIam(String url) {
        assertFalse(new JdbcUrl(url).serverless(), url);
    }

    @Test
    void plainTextOnlyCountsWhenItStaysOnThisMachine() {
        assertTrue(new JdbcUrl("jdbc:redshift://127.0.0.1:15439/postgres?ssl=false").plainTextOnLoopback());
        assertTrue(new JdbcUrl("jdbc:postgresql://localhost/postgres").plainTextOnLoopback());
        assertFalse(new JdbcUrl("jdbc:redshift://127.0.0.1:15439/postgres").plainTextOnLoopback(), "TLS is on");
        assertFalse(new JdbcUrl("jdbc:redshift://10.0.0.7:5439/dev?ssl=false").plainTextOnLoopback(), "another machine");
        assertFalse(new JdbcUrl("jdbc:redshift:iam://localhost:5439/dev?ssl=false").plainTextOnLoopback(), "IAM refuses plain text");
    }

    @Test
    void credentialsAreEveryPasswordSecretOrTokenParameterAsWrittenAndDecoded() {
        JdbcUrl url = new JdbcUrl("jdbc:redshift:iam://h:5439/dev?AccessKeyID=AKIA1&SecretAccessKey=s%2Bk&SessionToken=tok1"
                + ";PWD=pw1;user=loader;Client_Secret=cs1&password=pw2&ssl=true");
        assertEquals(List.of("s%2Bk", "s+k", "tok1", "pw1", "cs1", "pw2"), url.credentials());
        assertEquals(List.of(), new JdbcUrl("jdbc:redshift://h:5439/dev?ssl=false&user=loader").credentials());
    }

    @Test
    void aUrlCredentialIsMaskedWholeEvenWhenAShorterSecretIsPartOfIt() {
        // As LoaderApplication builds its mask: REDSHIFT_PASSWORD first, then the URL's credentials.
        List<String> secrets = new ArrayList<>(List.of("Canary"));
        secrets.addAll(new JdbcUrl("jdbc:redshift://h:5439/dev?PWD=Canary-Longer").credentials());
        String masked = new ErrorSentences(secrets).mask("claims to not accept jdbcUrl, jdbc:redshift://h:5439/dev?PWD=Canary-Longer");
        assertEquals("claims to not accept jdbcUrl, jdbc:redshift://h:5439/dev?PWD=***", masked);
    }
}
