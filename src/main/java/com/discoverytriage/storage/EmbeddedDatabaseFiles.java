package com.discoverytriage.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the embedded H2 database: its directory is private to the user running the bot (700) and so are
 * its files (600); and a command that only reads or erases never creates a database where none exists (a
 * mistyped path would otherwise answer "nothing stored" from a new, empty one).
 */
public final class EmbeddedDatabaseFiles {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** Thrown when a command needs an existing database and the URL names none. */
    public static final class NoDatabaseException extends RuntimeException {
        NoDatabaseException(String message) {
            super(message);
        }
    }

    private EmbeddedDatabaseFiles() {
    }

    /** The file path an H2 URL names (without the {@code .mv.db}), or empty for memory, TCP or another database. */
    public static Optional<Path> base(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String rest = url.substring(8);
        int options = rest.indexOf(';');
        String name = options < 0 ? rest : rest.substring(0, options);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            name = name.substring(5);
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /**
     * Before the first connection: refuses a missing database when {@code mustExist}; otherwise creates the
     * directory as 700 and tightens an existing one.
     */
    public static void prepare(String url, boolean mustExist) {
        loopbackOnly();
        Optional<Path> base = base(url);
        if (base.isEmpty()) {
            return;
        }
        Path file = dataFile(base.get());
        if (mustExist && !Files.exists(file)) {
            throw new NoDatabaseException("no database exists at " + file + ": check the path of "
                    + "spring.datasource.url (SPRING_DATASOURCE_URL), or run the bot or the console once to create it.");
        }
        Path directory = base.get().getParent();
        try {
            if (!Files.isDirectory(directory)) {
                if (posix()) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database directory " + directory + ": " + e.getMessage(), e);
        }
        tighten(url);
    }

    /** The directory 700 and every file of the database 600, where the file system has POSIX permissions. */
    public static void tighten(String url) {
        Optional<Path> base = base(url);
        if (base.isEmpty() || !posix()) {
            return;
        }
        Path directory = base.get().getParent();
        String prefix = base.get().getFileName().toString() + ".";
        try {
            if (Files.isDirectory(directory)) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                        if (Files.isRegularFile(f)) {
                            Files.setPosixFilePermissions(f, FILE);
                        }
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // the logger is looked up here, not in a static field: main() calls loopbackOnly() for every command,
            // and describe, score and validate would otherwise start the logging system they never use
            Logger log = LoggerFactory.getLogger(EmbeddedDatabaseFiles.class);
            log.warn("could not make the database files private (700 / 600) in {}: {}", directory, e.getMessage());
        }
    }

    /**
     * H2's automatic mixed mode ({@code AUTO_SERVER=TRUE}) lets the first process serve the database over TCP, on
     * every interface unless {@code h2.bindAddress} says otherwise: only the processes of this machine need it.
     * Must run before H2 first reads its system properties (the first connection); an operator's value is kept.
     */
    public static void loopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    static Path dataFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
