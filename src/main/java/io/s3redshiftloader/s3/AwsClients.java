package io.s3redshiftloader.s3;

import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.config.LoaderSettings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3, SNS and SQS clients every aws2 endpoint uses: credentials only from the SDK's default provider chain, the
 * SDK's exponential-backoff retries with the configured budget, and path-style S3 when an endpoint URL is set
 * (AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_S3 / _SNS / _SQS for one service).
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static S3Client s3(LoaderSettings settings) {
        var builder = S3Client.builder().forcePathStyle(settings.s3EndpointUrl().isPresent());
        settings.s3EndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder, settings).build();
    }

    public static SnsClient sns(LoaderSettings settings) {
        var builder = SnsClient.builder();
        settings.snsEndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder, settings).build();
    }

    public static SqsClient sqs(LoaderSettings settings) {
        var builder = SqsClient.builder();
        settings.sqsEndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder, settings).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, LoaderSettings settings) {
        builder.httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(region(settings))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.retryAttempts() + 1).build())
                        .build());
        return builder;
    }

    private static Region region(LoaderSettings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            if (settings.s3EndpointUrl().isPresent() || settings.snsEndpointUrl().isPresent() || settings.sqsEndpointUrl().isPresent()) {
                return Region.US_EAST_1;
            }
            throw new ConfigurationException("AWS_REGION: not set and no region found in the AWS profile or instance metadata");
        }
    }
}
