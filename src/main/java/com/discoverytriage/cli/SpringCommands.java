package com.discoverytriage.cli;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.console.ConsoleTriage;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.scoring.Rules;
import com.discoverytriage.stats.StatsChart;
import com.discoverytriage.stats.StatsJson;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.StatsText;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import com.discoverytriage.storage.EmbeddedDatabaseFiles;
import com.discoverytriage.storage.StorageConfiguration;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;

/**
 * Starts the application for {@code console}, {@code rescore}, {@code forget}, {@code export} and {@code stats}: no web server, no Discord, and every log line on
 * stderr so that stdout carries only what the command prints.
 */
final class SpringCommands implements Cli.ApplicationCommands {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean echo;

    /** @param echo write each answer read after its prompt (piped input), so the output reads as a transcript */
    SpringCommands(InputStream in, PrintStream out, PrintStream err, boolean echo) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.echo = echo;
    }

    @Override
    public int console(Cli.ConsoleRequest request, List<String> springArguments) {
        String name = request.name() != null && !request.name().isBlank() ? request.name().strip()
                : System.getProperty("user.name", "local");
        return withContext(springArguments, context -> {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            ConsoleTriage console = new ConsoleTriage(context.getBean(ConversationService.class),
                    context.getBean(DiagnosticCatalog.class), reader, out, err);
            return console.run(new ConsoleTriage.Options(request.diagnosticId(), name, request.json(), echo));
        });
    }

    @Override
    public int rescore(String diagnosticId, List<String> springArguments) {
        return withContext(existing(springArguments), context -> new Rescore(context.getBean(DiagnosticCatalog.class),
                context.getBean(Rules.class), context.getBean(FinishedTriages.class)).run(diagnosticId, out, err));
    }

    @Override
    public int forget(String prospectId, List<String> springArguments) {
        return forget(prospectId, prospectId, springArguments);
    }

    @Override
    public int forget(String prospectId, String typed, List<String> springArguments) {
        return withContext(existing(springArguments), context -> {
            ForgetService.Result result = context.getBean(ForgetService.class).forget(new ProspectId(prospectId));
            if (!result.found()) {
                out.println("Nothing is stored about " + prospectId + ".");
                List<String> similar = new ProspectMatches(context.getBean(javax.sql.DataSource.class)).matching(typed);
                if (!similar.isEmpty()) {
                    out.println("Stored ids that match (run forget again with one of them):");
                    similar.forEach(id -> out.println("  " + id));
                }
            } else {
                out.println("Erased " + result.triages() + (result.triages() == 1 ? " triage" : " triages") + " of "
                        + prospectId + "; " + result.cardsToEdit() + " consultant card(s) will read \"erased at the "
                        + "prospect's request\" once the bot runs.");
            }
            return Cli.OK;
        });
    }

    @Override
    public int export(Cli.ExportRequest request, List<String> springArguments) {
        return withContext(existing(springArguments), context -> {
            TriageExport export = context.getBean(TriageExport.class);
            out.print(request.format().equals("json") ? export.json(request.since(), request.until()) + "\n"
                    : export.csv(request.since(), request.until()));
            return Cli.OK;
        });
    }

    @Override
    public int stats(Cli.StatsRequest request, List<String> springArguments) {
        return withContext(existing(springArguments), context -> {
            DiagnosticCatalog catalog = context.getBean(DiagnosticCatalog.class);
            if (request.diagnosticId() != null && catalog.find(request.diagnosticId()).isEmpty()) {
                err.println("Error: no diagnostic '" + request.diagnosticId() + "'; known: " + catalog.diagnostics()
                        .stream().map(d -> d.id()).toList());
                return Cli.USAGE;
            }
            TriageStats stats = context.getBean(TriageStatistics.class)
                    .compute(StatsPeriod.days(request.since(), request.until(), request.diagnosticId()));
            byte[] body = switch (request.format()) {
                case "json" -> (StatsJson.render(stats) + "\n").getBytes(StandardCharsets.UTF_8);
                case "png" -> StatsChart.png(stats);
                default -> StatsText.render(stats).getBytes(StandardCharsets.UTF_8);
            };
            try {
                if (request.out() == null) {
                    out.write(body);
                } else {
                    java.nio.file.Files.write(request.out(), body);
                    err.println("Wrote " + request.out());
                }
            } catch (java.io.IOException e) {
                err.println("Error: cannot write " + request.out() + ": " + e.getMessage());
                return Cli.PROBLEMS;
            }
            return Cli.OK;
        });
    }

    /** Only the console may create the database: the other commands say when none exists at the given path. */
    private static List<String> existing(List<String> springArguments) {
        List<String> args = new ArrayList<>(springArguments);
        args.add("--" + StorageConfiguration.MUST_EXIST + "=true");
        return args;
    }

    private int withContext(List<String> springArguments, ToIntFunction<ConfigurableApplicationContext> body) {
        PrintStream original = System.out;
        // Logback's console appender writes to whatever System.out is at the time: point it at stderr.
        System.setOut(System.err);
        try (ConfigurableApplicationContext context = start(springArguments)) {
            // relative to the working folder by default: say which database this run used (and may have created)
            err.println("Database: " + DatabaseLocation.describe(context.getEnvironment().getProperty(
                    "spring.datasource.url")) + " (set --spring.datasource.url=... to use another)");
            return body.applyAsInt(context);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof EmbeddedDatabaseFiles.NoDatabaseException) {
                err.println("Error: " + cause.getMessage());
            } else if (String.valueOf(cause.getMessage()).contains("file is locked")) {
                err.println("Error: the database file is in use by another process (the bot?). Add ;AUTO_SERVER=TRUE "
                        + "to its H2 URL in both (the default URL has it), or use PostgreSQL.");
            } else {
                err.println("Error: the application could not start or failed: " + cause.getMessage());
            }
            return Cli.PROBLEMS;
        } finally {
            out.flush();
            System.setOut(original);
        }
    }

    static List<String> arguments(List<String> springArguments) {
        List<String> args = new ArrayList<>(springArguments);
        args.add("--triage.discord.enabled=false");
        args.add("--spring.main.web-application-type=none");
        args.add("--triage.lifecycle-scheduler-enabled=false");
        if (springArguments.stream().noneMatch(a -> a.startsWith("--logging.level.root="))) {
            args.add("--logging.level.root=WARN");
        }
        return args;
    }

    static ConfigurableApplicationContext start(List<String> springArguments) {
        // The image's JVM options ask for the bot's build-time bean definitions (Spring AOT); a command runs
        // without Discord, the web server or the scheduler, so it chooses its beans at start-up instead.
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
        return new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments(springArguments).toArray(String[]::new));
    }
}
