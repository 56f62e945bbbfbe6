package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's start-up figures are only those of the image if docs/startup/measure.sh runs the JVM as the image
 * does: the image keeps its JVM options in one place (the Dockerfile's {@code ENV JAVA_OPTS}), which its training run
 * and every start use, and which the script reads.
 */
@DisplayName("The image's JVM options: one line of the Dockerfile, used by its training run, its start and measure.sh")
class ImageJvmOptionsTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path MEASURE = Path.of("docs", "startup", "measure.sh");

    @Test
    @DisplayName("the options are declared once, bound the heap and keep C1 only; the training run and the "
            + "entrypoint pass them to java, and add nothing but the CDS archive")
    void oneSetOfOptions() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        Matcher env = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$").matcher(dockerfile);
        assertThat(env.find()).as("an ENV JAVA_OPTS=\"...\" line").isTrue();
        List<String> options = List.of(env.group(1).split(" "));
        assertThat(options).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspring.aot.enabled=true")
                .anyMatch(o -> o.startsWith("-Xmx")).anyMatch(o -> o.startsWith("-Xms"));
        assertThat(env.find()).as("a second ENV JAVA_OPTS line").isFalse();

        // the training run: the archive is made with the options it is used with
        assertThat(dockerfile).containsPattern("java \\$JAVA_OPTS -XX:ArchiveClassesAtExit=application.jsa");
        // every start: the options, the archive, nothing else before -jar
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT .*exec java (.*?) -jar discovery-triage.jar").matcher(dockerfile);
        assertThat(entrypoint.find()).as("the ENTRYPOINT's java command").isTrue();
        assertThat(entrypoint.group(1)).isEqualTo("$JAVA_OPTS -XX:SharedArchiveFile=application.jsa -Xlog:cds=off");
    }

    @Test
    @DisplayName("measure.sh reads the options from the Dockerfile's ENV JAVA_OPTS line and uses them for the "
            + "training run and every mode")
    void measuredWithTheImageOptions() throws IOException {
        String script = Files.readString(MEASURE);

        assertThat(script).contains("sed -n 's/^ENV JAVA_OPTS=\"\\(.*\\)\"$/\\1/p' \"$ROOT/Dockerfile\"")
                .contains("JAVA_OPTS=${JAVA_OPTS-$IMAGE_OPTS}")
                .contains("java $1 -XX:ArchiveClassesAtExit=\"$2\"")
                .contains("train \"$JAVA_OPTS\" application.jsa")
                .contains("[jar]=\"java $JAVA_OPTS -jar")
                .contains("[extracted]=\"java $JAVA_OPTS -jar")
                .contains("[cds]=\"java $JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=");
    }

    @Test
    @DisplayName("measure.sh runs the archive as the image does (from the application folder, the jar by its "
            + "relative name) and fails when the archive cannot be used, instead of measuring without it")
    void measuredWithTheArchiveInUse() throws IOException {
        String script = Files.readString(MEASURE);

        // Java 17 refuses a dynamic archive whose recorded class path differs: the training run records
        // "discovery-triage.jar" (run from the folder), so the measured starts must name it the same way
        Matcher cds = Pattern.compile("(?m)^\\s*\\[cds\\]=\"([^\"]*)\"$").matcher(script);
        assertThat(cds.find()).as("the [cds] launch line").isTrue();
        assertThat(cds.group(1)).contains("-Xshare:on").endsWith(" -jar discovery-triage.jar");
        assertThat(script).contains("cd \"$WORK/application\" && /usr/bin/time")
                .contains("(cd \"$WORK/application\" && DISCORD_TOKEN=measure-not-a-token exec");
    }
}
