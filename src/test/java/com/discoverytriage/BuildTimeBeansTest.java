package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
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
                .withProperty("triage.lifecycle-scheduler-enabled", "true"), true)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("every property condition in the application's code is a checked setting, and the build pins each "
            + "to the value the check expects (so a new @ConditionalOnProperty cannot be forgotten)")
    void everyPropertyConditionIsChecked() throws Exception {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("__")).importPackages("com.discoverytriage");
        Set<String> conditioned = new TreeSet<>();
        List<String> unsupported = new ArrayList<>();
        for (JavaClass c : classes) {
            List<HasAnnotations<?>> annotated = new ArrayList<>();
            annotated.add(c);
            annotated.addAll(c.getMethods());
            for (HasAnnotations<?> element : annotated) {
                element.tryGetAnnotationOfType(ConditionalOnProperty.class).ifPresent(p -> {
                    String prefix = p.prefix().isEmpty() ? "" : p.prefix() + ".";
                    for (String name : p.name().length > 0 ? p.name() : p.value()) {
                        conditioned.add(prefix + name);
                    }
                });
                for (Class<? extends java.lang.annotation.Annotation> kind : List.of(ConditionalOnExpression.class,
                        ConditionalOnBooleanProperty.class, Profile.class)) {
                    if (element.isAnnotatedWith(kind)) {
                        unsupported.add(element + " @" + kind.getSimpleName());
                    }
                }
            }
        }
        Set<String> checked = new TreeSet<>();
        BuildTimeBeans.FIXED_AT_BUILD.forEach(s -> checked.add(s.name()));

        assertThat(conditioned).as("@ConditionalOnProperty settings in the code").isNotEmpty().isEqualTo(checked);
        assertThat(unsupported).as("conditions BuildTimeBeans cannot check").isEmpty();
        String pom = Files.readString(Path.of("pom.xml"));
        for (BuildTimeBeans.Setting setting : BuildTimeBeans.FIXED_AT_BUILD) {
            assertThat(pom).as("pom.xml's process-aot pins " + setting.name())
                    .contains("<" + setting.name() + ">" + setting.buildValue() + "</" + setting.name() + ">");
        }
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
