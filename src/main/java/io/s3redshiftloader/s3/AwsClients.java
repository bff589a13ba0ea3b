package io.s3redshiftloader.s3;

import java.net.URI;
import java.util.Optional;
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
 *
 * @param region the region set for the loader; without it, the SDK's region provider chain decides
 * @param retryAttempts how many times the SDK retries a failed call
 */
public record AwsClients(Optional<String> region, Optional<URI> s3EndpointUrl, Optional<URI> snsEndpointUrl,
        Optional<URI> sqsEndpointUrl, int retryAttempts) {

    public S3Client s3() {
        var builder = S3Client.builder().forcePathStyle(s3EndpointUrl().isPresent());
        s3EndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder).build();
    }

    public SnsClient sns() {
        var builder = SnsClient.builder();
        snsEndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder).build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder();
        sqsEndpointUrl().ifPresent(builder::endpointOverride);
        return configure(builder).build();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder) {
        builder.httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(resolvedRegion())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(retryAttempts() + 1).build())
                        .build());
        return builder;
    }

    private Region resolvedRegion() {
        if (region().isPresent()) {
            return Region.of(region().get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            if (s3EndpointUrl().isPresent() || snsEndpointUrl().isPresent() || sqsEndpointUrl().isPresent()) {
                return Region.US_EAST_1;
            }
            throw new RegionNotFoundException("AWS_REGION: not set and no region found in the AWS profile or instance metadata");
        }
    }
}
