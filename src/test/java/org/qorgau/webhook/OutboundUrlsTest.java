package org.qorgau.webhook;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlsTest {

    private final OutboundUrls strict = new OutboundUrls(false);
    private final OutboundUrls onPremises = new OutboundUrls(true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.216.34/hooks", // plain http
                "https://127.0.0.1/hooks",
                "https://127.8.9.10/hooks",
                "https://localhost/hooks",
                "https://[::1]/hooks",
                "https://0.0.0.0/hooks",
                "https://10.0.0.7/hooks",
                "https://172.20.1.1/hooks",
                "https://192.168.1.10/hooks",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.100.100.200/", // carrier-grade NAT (Alibaba Cloud metadata)
                "https://[fd00:ec2::254]/", // unique local (AWS IPv6 metadata)
                "https://[fe80::1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[64:ff9b::a00:1]/", // NAT64 of 10.0.0.1
                "https://224.0.0.1/",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://user:secret@93.184.216.34/hooks",
                "ftp://93.184.216.34/hooks",
                "https:///hooks",
                "https://93.184.216.34/hooks#frag",
                ""
            })
    void shouldRefuseUnsafeTargets(String url) {
        assertNotNull(strict.problem(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hooks", "https://[2606:4700:4700::1111]/hooks"})
    void shouldAllowHttpsToPublicAddresses(String url) {
        assertNull(strict.problem(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hooks", "http://10.0.0.7/hooks", "https://192.168.1.10/hooks"})
    void shouldAllowPrivateTargetsOnlyWhenConfigured(String url) {
        assertNull(onPremises.problem(url), url);
        assertNotNull(strict.problem(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/hooks", "https://user:pw@127.0.0.1/", ""})
    void shouldRefuseMalformedUrlsEvenOnPremises(String url) {
        assertNotNull(onPremises.problem(url), url);
    }
}
