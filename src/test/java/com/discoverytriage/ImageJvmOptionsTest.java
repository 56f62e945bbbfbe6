package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(entrypoint.group(1)).isEqualTo("$JAVA_OPTS -XX:SharedArchiveFile=$archive -Xlog:cds=off");
        // the commands' archive too is made with them
        assertThat(dockerfile).contains("java $JAVA_OPTS -XX:DumpLoadedClassList=")
                .contains("java $JAVA_OPTS -Xshare:dump -XX:SharedClassListFile=");
    }

    @Test
    @DisplayName("the entrypoint maps the commands' archive for describe, score and validate (no Spring context) and "
            + "the application's for the bot and every command that starts Spring")
    void archivePerCommand(@TempDir Path bin) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell, as the image has");
        Matcher line = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(Files.readString(DOCKERFILE));
        assertThat(line.find()).as("an ENTRYPOINT [...] line").isTrue();
        List<String> entrypoint = List.of(new ObjectMapper().readValue(line.group(1), String[].class));
        // a stand-in java on the PATH that prints the arguments it was started with
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        java.toFile().setExecutable(true);

        assertThat(start(entrypoint, bin, "validate")).isEqualTo(
                "-Xmx64m -XX:SharedArchiveFile=commands.jsa -Xlog:cds=off -jar discovery-triage.jar validate");
        assertThat(start(entrypoint, bin, "describe", "--json")).contains("-XX:SharedArchiveFile=commands.jsa ")
                .endsWith(" describe --json");
        assertThat(start(entrypoint, bin, "score", "--diagnostic", "a b", "--answers", "x=yes"))
                .contains("-XX:SharedArchiveFile=commands.jsa ").endsWith(" score --diagnostic a b --answers x=yes");
        assertThat(start(entrypoint, bin)).isEqualTo(
                "-Xmx64m -XX:SharedArchiveFile=application.jsa -Xlog:cds=off -jar discovery-triage.jar");
        assertThat(start(entrypoint, bin, "--server.port=9000")).contains("-XX:SharedArchiveFile=application.jsa ");
        for (String command : List.of("console", "rescore", "forget", "export", "stats")) {
            assertThat(start(entrypoint, bin, command)).as(command).contains("-XX:SharedArchiveFile=application.jsa ");
        }
    }

    private static String start(List<String> entrypoint, Path bin, String... args) throws Exception {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("JAVA_OPTS", "-Xmx64m");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
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
                .contains("[cds]=\"java $JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=")
                .contains("java $JAVA_OPTS -XX:DumpLoadedClassList=")
                .contains("java $JAVA_OPTS -Xshare:dump -XX:SharedClassListFile=")
                .contains("[commands]=\"java $JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=commands.jsa");
    }

    @Test
    @DisplayName("measure.sh runs the archive as the image does (from the application folder, the jar by its "
            + "relative name) and fails when the archive cannot be used, instead of measuring without it")
    void measuredWithTheArchiveInUse() throws IOException {
        String script = Files.readString(MEASURE);

        // Java 17 refuses a dynamic archive whose recorded class path differs: the training run records
        // "discovery-triage.jar" (run from the folder), so the measured starts must name it the same way
        for (String mode : List.of("cds", "commands")) {
            Matcher launch = Pattern.compile("(?m)^\\s*\\[" + mode + "\\]=\"([^\"]*)\"$").matcher(script);
            assertThat(launch.find()).as("the [" + mode + "] launch line").isTrue();
            assertThat(launch.group(1)).contains("-Xshare:on").endsWith(" -jar discovery-triage.jar");
        }
        assertThat(script).contains("cd \"$WORK/application\" && /usr/bin/time")
                .contains("(cd \"$WORK/application\" && DISCORD_TOKEN=measure-not-a-token exec");
    }
}
