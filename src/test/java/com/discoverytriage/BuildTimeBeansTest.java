package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Spring Boot's reference ("Ahead-of-Time Processing With the JVM"): with the generated bean definitions, the
 * conditions were evaluated at build time and properties that would change them are not read again. The image runs
 * that way; these tests show a start that sets such a property stops with the setting and the fix.
 */
@DisplayName("Build-time bean definitions: settings that choose beans")
class BuildTimeBeansTest {

    @Test
    @DisplayName("given the build's bean definitions, when Discord is switched off, then start-up stops naming the "
            + "setting and how to run without them")
    void discordSwitchedOffWithBuildTimeBeans() {
        MockEnvironment environment = new MockEnvironment().withProperty("triage.discord.enabled", "false");

        assertThatThrownBy(() -> check(environment, true))
                .isInstanceOf(BuildTimeBeans.FixedAtBuildException.class)
                .hasMessageContaining("triage.discord.enabled=false")
                .hasMessageContaining("-Dspring.aot.enabled=true")
                .satisfies(e -> assertThat(((BuildTimeBeans.FixedAtBuildException) e).action())
                        .contains("Remove -Dspring.aot.enabled=true"));
    }

    @Test
    @DisplayName("given the build's bean definitions, when the lifecycle scheduler is switched off, then start-up stops")
    void schedulerSwitchedOffWithBuildTimeBeans() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("triage.lifecycle-scheduler-enabled", "false");

        assertThatThrownBy(() -> check(environment, true))
                .hasMessageContaining("triage.lifecycle-scheduler-enabled=false");
    }

    @Test
    @DisplayName("given the build's bean definitions and the defaults (or the same values spelled out), then it starts")
    void defaultsWithBuildTimeBeans() {
        assertThatCode(() -> check(new MockEnvironment(), true)).doesNotThrowAnyException();
        assertThatCode(() -> check(new MockEnvironment().withProperty("triage.discord.enabled", "TRUE")
                .withProperty("triage.lifecycle-scheduler-enabled", " true"), true)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("given beans chosen at start-up (no AOT), then any value is fine: the conditions read it")
    void anyValueWithoutBuildTimeBeans() {
        assertThatCode(() -> check(new MockEnvironment().withProperty("triage.discord.enabled", "false"), false))
                .doesNotThrowAnyException();
    }

    private static void check(MockEnvironment environment, boolean generatedBeans) {
        new BuildTimeBeans.SettingsCheck(environment, generatedBeans)
                .postProcessBeanFactory(new DefaultListableBeanFactory());
    }
}
