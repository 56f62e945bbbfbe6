package com.discoverytriage.cli;

import com.discoverytriage.diagnostic.ConversationFiles;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.diagnostic.InvalidConversationFilesException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The command line: which command, its arguments, its exit code. {@code describe}, {@code score} and
 * {@code validate} read the conversation files directly (no database, no Spring); {@code console} and
 * {@code rescore} start the application without Discord and without a web server.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    static final String CONVERSATIONS_DIR_PROPERTY = "triage.conversations-dir";

    private static final Set<String> COMMANDS = Set.of("console", "describe", "score", "validate", "rescore", "forget", "export", "stats", "help");

    static final String USAGE_TEXT = """
            Usage: java -jar discovery-triage.jar [COMMAND] [OPTIONS]

            With no command, runs the Discord bot.

            Commands:
              console  [--diagnostic ID] [--name NAME] [--json] [--dir DIR] [--some.property=value ...]
                       Run a triage in the terminal (one answer per line; works with piped input).
              describe [--json] [--dir DIR]
                       Every diagnostic: questions, bands, gates, outcomes, profiles; the routing question.
              score    --diagnostic ID --answers q1=yes,q2=no,... [--dir DIR]
                       Score a set of answers and print the outcome as one JSON line.
              validate [DIR]
                       Check the conversation files; print every problem; exit 1 on any.
              rescore  [--diagnostic ID] [--some.property=value ...]
                       Re-score every stored finished triage with the current files; list the changes.
              forget   USER_ID|NAME [--some.property=value ...]
                       Erase everything stored about a prospect: a Discord user id, a full prospect id
                       such as console:ada-example, or the name given to console --name ("Ada Example").
                       Nothing stored: lists the stored ids that match. Cards are emptied on the bot's next run.
              export   [--format csv|json] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--some.property=value ...]
                       Every triage started in the range, one row each, to stdout (CSV: UTF-8 with BOM).
              stats    [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--diagnostic ID] [--format text|json|png]
                       [--out FILE] [--some.property=value ...]
                       Figures of the triages started in [since, until) (default: the last 7 days up to
                       today included): counts, outcomes, booking conversion, times, the funnel per
                       question. png needs --out.
              help     This text.

            DIR defaults to the triage.conversations-dir property (system property or
            TRIAGE_CONVERSATIONSDIR), else the conversation files built into the jar.
            Exit codes: 0 success, 1 problems found, 2 bad arguments.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<ConversationFiles, DiagnosticCatalog> loader;
    private final UnaryOperator<String> settings;
    private final ApplicationCommands application;

    public Cli(PrintStream out, PrintStream err, Function<ConversationFiles, DiagnosticCatalog> loader, UnaryOperator<String> settings,
            ApplicationCommands application) {
        this.out = out;
        this.err = err;
        this.loader = loader;
        this.settings = settings;
        this.application = application;
    }

    /** The command line of the real process: real streams, real files, system properties then environment. */
    public static Cli standard() {
        PrintStream out = utf8(FileDescriptor.out);
        PrintStream err = utf8(FileDescriptor.err);
        // Typed answers are echoed by the terminal; piped ones are written out so the output reads as a transcript.
        boolean piped = System.console() == null;
        return new Cli(out, err, new DiagnosticLoader()::load, Cli::systemSetting,
                new SpringCommands(System.in, out, err, piped));
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }

    /** True when the arguments ask for the bot: none at all, or only Spring options such as {@code --server.port=1}. */
    public static boolean runsBot(String... args) {
        return args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help");
    }

    public int run(String... args) {
        if (args.length == 0) {
            return usage("no command given");
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (!COMMANDS.contains(command)) {
            return command.equals("--help") || command.equals("-h") ? help() : usage("unknown command '" + command + "'");
        }
        try {
            return switch (command) {
                case "describe" -> describe(rest);
                case "score" -> score(rest);
                case "validate" -> validate(rest);
                case "console" -> console(rest);
                case "rescore" -> rescore(rest);
                case "forget" -> forget(rest);
                case "export" -> export(rest);
                case "stats" -> stats(rest);
                default -> help();
            };
        } catch (UsageException e) {
            return usage(command + ": " + e.getMessage());
        } catch (InvalidConversationFilesException e) {
            err.println("The conversation files have problems (run 'validate' for the list):");
            e.problems().forEach(p -> err.println("  " + p));
            return PROBLEMS;
        }
    }

    private int help() {
        out.print(USAGE_TEXT);
        return OK;
    }

    private int usage(String problem) {
        err.println("Error: " + problem);
        err.println();
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private int describe(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("dir"), Set.of("json"), 0, false);
        ConversationFiles files = directory(a.option("dir").orElse(null));
        DiagnosticCatalog catalog = loader.apply(files);
        out.println(a.flag("json") ? Describe.json(catalog, files) : Describe.text(catalog, files));
        return OK;
    }

    private int score(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("dir", "diagnostic", "answers"), Set.of(), 0, false);
        String diagnosticId = a.required("diagnostic");
        String answers = a.required("answers");
        if (answers.replace(",", "").isBlank()) {
            throw new UsageException("--answers names no answer: give question=answer pairs, e.g. s1=yes,s2=no");
        }
        DiagnosticCatalog catalog = loader.apply(directory(a.option("dir").orElse(null)));
        out.println(Score.json(catalog, diagnosticId, answers));
        return OK;
    }

    private int validate(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("dir"), Set.of(), 1, false);
        if (a.option("dir").isPresent() && a.positional(0).isPresent()) {
            throw new UsageException("give the directory once (DIR or --dir DIR)");
        }
        ConversationFiles dir = directory(a.positional(0).or(() -> a.option("dir")).orElse(null));
        try {
            DiagnosticCatalog catalog = loader.apply(dir);
            out.println("OK: " + catalog.diagnostics().size()
                    + (catalog.diagnostics().size() == 1 ? " diagnostic" : " diagnostics") + " in " + dir);
            return OK;
        } catch (InvalidConversationFilesException e) {
            e.problems().forEach(out::println);
            err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in " + dir);
            return PROBLEMS;
        }
    }

    private int console(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("dir", "diagnostic", "name"), Set.of("json"), 0, true);
        a.option("dir").ifPresent(this::directory);
        String name = a.option("name").orElse(null);
        if (name != null && name.strip().length() > 80) {
            throw new UsageException("--name is at most 80 characters");
        }
        return application.console(new ConsoleRequest(a.option("diagnostic").orElse(null), name, a.flag("json")),
                springArguments(a));
    }

    private int rescore(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("dir", "diagnostic"), Set.of(), 0, true);
        a.option("dir").ifPresent(this::directory);
        return application.rescore(a.option("diagnostic").orElse(null), springArguments(a));
    }

    private int forget(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of(), Set.of(), 1, true);
        String who = a.positional(0).orElseThrow(() -> new UsageException(
                "give the prospect's Discord user id, prospect id, or the name given to console --name"));
        if (who.isBlank()) {
            throw new UsageException("give the prospect's Discord user id, prospect id, or the name given to console --name");
        }
        // a Discord user id; a full prospect id (discord:..., console:...); else the name given to console --name,
        // as typed ("Ada Example" is console:ada-example)
        String prospect = who.chars().allMatch(Character::isDigit) ? "discord:" + who
                : who.contains(":") ? who.strip()
                : com.discoverytriage.console.ConsoleTriage.prospectFor(who).value();
        if (prospect.endsWith(":")) {
            // "discord:" or "console:" names no one; forgetting by it would erase nothing, or the wrong prospect
            throw new UsageException("'" + who.strip() + "' has nothing after the colon: give the whole id, such as "
                    + "discord:USER_ID or console:NAME");
        }
        if (prospect.length() > 100) {
            throw new UsageException("'" + who + "' is longer than any prospect id (100 characters)");
        }
        if (prospect.startsWith("console:") && !com.discoverytriage.console.ConsoleTriage.isOpaque(prospect)) {
            // the console stores a hash of the name, never the name: console:NAME is looked up by that hash
            prospect = com.discoverytriage.console.ConsoleTriage.prospectFor(prospect.substring("console:".length())).value();
        }
        return application.forget(prospect, who, springArguments(a));
    }

    private int export(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("format", "since", "until"), Set.of(), 0, true);
        String format = a.option("format").orElse("csv");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UsageException("--format is csv or json");
        }
        java.time.Instant since = date(a, "since");
        java.time.Instant until = date(a, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UsageException("--since must be a day before --until (the range is [since, until))");
        }
        return application.export(new ExportRequest(format, since, until), springArguments(a));
    }

    private int stats(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("format", "since", "until", "diagnostic", "out"), Set.of(), 0,
                true);
        String format = a.option("format").orElse("text");
        if (!Set.of("text", "json", "png").contains(format)) {
            throw new UsageException("--format is text, json or png");
        }
        java.time.LocalDate until = day(a, "until").orElse(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .plusDays(1));
        java.time.LocalDate since = day(a, "since").orElse(until.minusDays(7));
        if (!since.isBefore(until)) {
            throw new UsageException("--since must be before --until");
        }
        Path target = a.option("out").map(Path::of).orElse(null);
        if (format.equals("png") && target == null) {
            throw new UsageException("--format png needs --out FILE");
        }
        if (target != null && target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new UsageException("no directory for --out at '" + target.getParent() + "'");
        }
        return application.stats(new StatsRequest(format, since, until, a.option("diagnostic").orElse(null), target),
                springArguments(a));
    }

    private static java.util.Optional<java.time.LocalDate> day(Arguments a, String option) {
        return a.option(option).map(value -> {
            try {
                return java.time.LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("--" + option + " is a date such as 2025-01-31");
            }
        });
    }

    private static java.time.Instant date(Arguments a, String option) {
        return a.option(option).map(value -> {
            try {
                return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("--" + option + " is a date such as 2025-01-31");
            }
        }).orElse(null);
    }

    /** The directory given, else the configured one (it must exist), else the set built into the jar. */
    ConversationFiles directory(String given) {
        String configured = given != null ? given : settings.apply(CONVERSATIONS_DIR_PROPERTY);
        ConversationFiles files = ConversationFiles.configured(configured);
        if (!files.exists()) {
            throw new UsageException("no conversations directory at '" + files.description() + "'"
                    + (given == null ? " (set by " + CONVERSATIONS_DIR_PROPERTY + "; unset it to use the built-in set)"
                            : ""));
        }
        return files;
    }

    private static List<String> springArguments(Arguments a) {
        List<String> spring = new java.util.ArrayList<>(a.passThrough());
        a.option("dir").ifPresent(dir -> spring.add("--" + CONVERSATIONS_DIR_PROPERTY + "=" + dir));
        return spring;
    }

    private static String systemSetting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace(".", "_").replace("-", ""));
        }
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace(".", "_").replace("-", "_"));
        }
        return value;
    }

    /** What {@code console} was asked to do. */
    public record ConsoleRequest(String diagnosticId, String name, boolean json) {
    }

    /** What {@code export} was asked for: csv or json, triages started in [since, until) (null: open). */
    public record ExportRequest(String format, java.time.Instant since, java.time.Instant until) {
    }

    /** What {@code stats} was asked for: UTC days [since, until), one diagnostic or null, where to write (null: stdout). */
    public record StatsRequest(String format, java.time.LocalDate since, java.time.LocalDate until,
            String diagnosticId, Path out) {
    }

    /** The commands that need the application context (database, conversation service). */
    public interface ApplicationCommands {

        int console(ConsoleRequest request, List<String> springArguments);

        int rescore(String diagnosticId, List<String> springArguments);

        default int forget(String prospectId, List<String> springArguments) {
            throw new UnsupportedOperationException("forget");
        }

        /** {@code typed} is the argument as given (a name, an id), for listing the stored ids that match it. */
        default int forget(String prospectId, String typed, List<String> springArguments) {
            return forget(prospectId, springArguments);
        }

        default int export(ExportRequest request, List<String> springArguments) {
            throw new UnsupportedOperationException("export");
        }

        default int stats(StatsRequest request, List<String> springArguments) {
            throw new UnsupportedOperationException("stats");
        }
    }
}
