package com.discoverytriage.cli;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.console.ConsoleTriage;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.scoring.Rules;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application for {@code console} and {@code rescore}: no web server, no Discord, and every log line on
 * stderr so that stdout carries only what the command prints.
 */
final class SpringCommands implements Cli.ApplicationCommands {

    @Override
    public int console(Cli.ConsoleRequest request, List<String> springArguments) {
        String name = request.name() != null && !request.name().isBlank() ? request.name().strip()
                : System.getProperty("user.name", "local");
        return withContext(springArguments, (context, out) -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            ConsoleTriage console = new ConsoleTriage(context.getBean(ConversationService.class),
                    context.getBean(DiagnosticCatalog.class), in, out, System.err);
            // Typed answers are echoed by the terminal; piped ones are written out so the output reads as a transcript.
            boolean echo = System.console() == null;
            return console.run(new ConsoleTriage.Options(request.diagnosticId(), name, request.json(), echo));
        });
    }

    @Override
    public int rescore(String diagnosticId, List<String> springArguments) {
        return withContext(springArguments, (context, out) -> new Rescore(context.getBean(DiagnosticCatalog.class),
                context.getBean(Rules.class), context.getBean(FinishedTriages.class)).run(diagnosticId, out, System.err));
    }

    private interface Body {
        int run(ConfigurableApplicationContext context, PrintStream out);
    }

    private static int withContext(List<String> springArguments, Body body) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream original = System.out;
        // Logback's console appender writes to whatever System.out is at the time: point it at stderr.
        System.setOut(System.err);
        try (ConfigurableApplicationContext context = start(springArguments)) {
            return body.run(context, stdout);
        } catch (RuntimeException e) {
            System.err.println("Error: the application could not start or failed: " + e.getMessage());
            return Cli.PROBLEMS;
        } finally {
            stdout.flush();
            System.setOut(original);
        }
    }

    static List<String> arguments(List<String> springArguments) {
        List<String> args = new ArrayList<>(springArguments);
        args.add("--triage.discord.enabled=false");
        args.add("--spring.main.web-application-type=none");
        if (springArguments.stream().noneMatch(a -> a.startsWith("--logging.level.root="))) {
            args.add("--logging.level.root=WARN");
        }
        return args;
    }

    private static ConfigurableApplicationContext start(List<String> springArguments) {
        return new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments(springArguments).toArray(String[]::new));
    }
}
