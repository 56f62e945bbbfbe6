package com.discoverytriage;

import java.util.List;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * The image starts the bot with the bean definitions Spring AOT generated at build time ({@code
 * -Dspring.aot.enabled=true}, README "Start-up"): the settings that choose beans were read then, with their
 * defaults, and are not read again. A start that sets one of them otherwise stops at once with the setting and the
 * fix, instead of running without what the setting asked for. Without AOT (the jar, the tests, the CLI's commands)
 * nothing is checked: the beans are chosen at start-up as usual.
 */
@Configuration(proxyBeanMethods = false)
public class BuildTimeBeans {

    /** The settings that decide beans, with the value the build's AOT processing saw (application.yml's). */
    static final List<Setting> FIXED_AT_BUILD = List.of(
            new Setting("triage.discord.enabled", "true"),
            new Setting("triage.lifecycle-scheduler-enabled", "true"));

    record Setting(String name, String buildValue) {
    }

    @Bean
    static SettingsCheck buildTimeSettingsFirst(Environment environment) {
        return new SettingsCheck(environment, AotDetector.useGeneratedArtifacts());
    }

    static final class SettingsCheck implements BeanFactoryPostProcessor, PriorityOrdered {

        private final Environment environment;
        private final boolean generatedBeans;

        SettingsCheck(Environment environment, boolean generatedBeans) {
            this.environment = environment;
            this.generatedBeans = generatedBeans;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            if (!generatedBeans) {
                return;
            }
            for (Setting setting : FIXED_AT_BUILD) {
                String value = environment.getProperty(setting.name(), setting.buildValue());
                // compared as @ConditionalOnProperty(havingValue) compares: ignoring case, not spaces
                if (!value.equalsIgnoreCase(setting.buildValue())) {
                    throw new FixedAtBuildException(setting, value);
                }
            }
        }

        /** Before the token check and the conversation files: the other checks assume the build's beans. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** A setting the build's bean definitions cannot follow. */
    public static final class FixedAtBuildException extends RuntimeException {

        private final transient Setting setting;

        FixedAtBuildException(Setting setting, String value) {
            super(setting.name() + "=" + value + " cannot apply: this start uses the bean definitions generated at "
                    + "build time (-Dspring.aot.enabled=true), made with " + setting.name() + "="
                    + setting.buildValue() + ".");
            this.setting = setting;
        }

        String action() {
            return "Remove -Dspring.aot.enabled=true from the JVM options (docker run -e JAVA_OPTS=\"...\" without it) "
                    + "to choose the beans at start-up, or leave " + setting.name() + " unset.";
        }
    }

    /** One clear message instead of a stack trace. */
    public static final class FixedAtBuildFailureAnalyzer extends AbstractFailureAnalyzer<FixedAtBuildException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, FixedAtBuildException cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }
    }
}
