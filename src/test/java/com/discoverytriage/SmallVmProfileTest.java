package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

@DisplayName("The small-VM profile (1 vCPU, 512 MB)")
class SmallVmProfileTest {

    private static PropertySource<?> profile() throws IOException {
        return new YamlPropertySourceLoader().load("small-vm", new ClassPathResource("application-small-vm.yml")).get(0);
    }

    private static int number(PropertySource<?> source, String key) {
        Object value = source.getProperty(key);
        assertThat(value).as(key).isNotNull();
        return Integer.parseInt(value.toString());
    }

    @Test
    @DisplayName("a worker never waits for a state machine while it holds a connection: machines >= workers, "
            + "connections > workers")
    void poolsSizedTogether() throws IOException {
        PropertySource<?> profile = profile();
        int workers = number(profile, "triage.discord.worker-threads");
        assertThat(number(profile, "triage.conversation.machine-pool-size")).isGreaterThanOrEqualTo(workers);
        assertThat(number(profile, "spring.datasource.hikari.maximum-pool-size")).isGreaterThan(workers);
        assertThat(number(profile, "server.tomcat.threads.max")).isLessThanOrEqualTo(16);
    }
}
