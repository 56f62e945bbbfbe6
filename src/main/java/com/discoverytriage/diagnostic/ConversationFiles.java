package com.discoverytriage.diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One set of conversation files: a directory named by {@code triage.conversations-dir} (or {@code --dir}), or,
 * when none is named, the set built into the application (the project's {@code conversations/} folder, copied to
 * the classpath at build time), so that the jar runs from any folder.
 *
 * <p>Only {@code *.yaml} / {@code *.yml} files are read, one level deep: a README or a {@code transcripts/} folder
 * next to them is ignored.
 */
public final class ConversationFiles {

    /** Where the build puts the project's conversation files on the classpath. */
    public static final String BUNDLED_LOCATION = "conversations";

    /**
     * One file: its name (for the routing file and messages), a label saying where it is, its size and its bytes
     * (empty, not read, when it is larger than {@link DiagnosticLoader#MAX_FILE_BYTES}).
     */
    public record File(String name, String label, long size, byte[] bytes) {

        File(String name, String label, byte[] bytes) {
            this(name, label, bytes.length, bytes);
        }
    }

    private final String description;
    private final Path directory;

    private ConversationFiles(String description, Path directory) {
        this.description = description;
        this.directory = directory;
    }

    /** The set in a directory on disk (relative to the working directory unless absolute). */
    public static ConversationFiles directory(Path directory) {
        return new ConversationFiles(directory.toString(), directory);
    }

    /** The set built into the application. */
    public static ConversationFiles bundled() {
        return new ConversationFiles("the built-in set (classpath:" + BUNDLED_LOCATION + ")", null);
    }

    /** The directory when one is configured (not blank), else the built-in set. */
    public static ConversationFiles configured(String directoryOrNull) {
        return directoryOrNull == null || directoryOrNull.isBlank() ? bundled() : directory(Path.of(directoryOrNull));
    }

    /** Says which set this is, for messages: the directory as given, or "the built-in set (classpath:...)". */
    public String description() {
        return description;
    }

    public boolean isBundled() {
        return directory == null;
    }

    /** The directory, for a set on disk. */
    public java.util.Optional<Path> path() {
        return java.util.Optional.ofNullable(directory);
    }

    /** False only for a directory that does not exist (the built-in set always exists once built). */
    public boolean exists() {
        return directory == null || Files.isDirectory(directory);
    }

    /** Where a file of this set would be, for a message about a missing one. */
    public String label(String name) {
        return directory == null ? "classpath:" + BUNDLED_LOCATION + "/" + name : directory.resolve(name).toString();
    }

    /** The YAML files at the top level of the set, sorted by name. */
    public List<File> yamlFiles() {
        return yamlFiles("");
    }

    /**
     * The YAML files of one sub-folder of the set (for example {@code personas}), sorted by name; none when the
     * sub-folder does not exist.
     */
    public List<File> yamlFiles(String subfolder) {
        String folder = subfolder == null || subfolder.isBlank() ? "" : subfolder.replace('\\', '/').replaceAll("/+$", "");
        return directory == null ? bundledYamlFiles(folder) : directoryYamlFiles(folder);
    }

    private List<File> directoryYamlFiles(String subfolder) {
        Path folder = subfolder.isEmpty() ? directory : directory.resolve(subfolder);
        return Files.isDirectory(folder) ? folderYamlFiles(folder, p -> p.toString()) : List.of();
    }

    private static List<File> folderYamlFiles(Path folder, Function<Path, String> label) {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> paths = entries.filter(Files::isRegularFile).filter(p -> isYaml(p.getFileName().toString()))
                    .sorted().toList();
            List<File> files = new ArrayList<>();
            for (Path p : paths) {
                long size = Files.size(p);
                files.add(new File(p.getFileName().toString(), label.apply(p), size,
                        size > DiagnosticLoader.MAX_FILE_BYTES ? new byte[0] : Files.readAllBytes(p)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    private static List<File> bundledYamlFiles(String subfolder) {
        return classpathYamlFiles(ConversationFiles.class.getClassLoader(),
                subfolder.isEmpty() ? BUNDLED_LOCATION : BUNDLED_LOCATION + "/" + subfolder);
    }

    /**
     * The YAML files of a folder on the class path: a folder on disk (the build's classes), in a jar (the extracted
     * layout), or in Spring Boot's executable jar (whose URL handler serves the nested entries as a jar too). Only
     * the JDK is used: {@code describe}, {@code score} and {@code validate} read these files, and Spring's resource
     * resolver would start the logging system (its static logger) for commands that never log.
     */
    static List<File> classpathYamlFiles(ClassLoader loader, String location) {
        URL folder = loader.getResource(location + "/");
        if (folder == null) {
            return List.of();
        }
        try {
            return switch (folder.getProtocol()) {
                case "file" -> folderYamlFiles(Path.of(folder.toURI()), p -> "classpath:" + location + "/" + p.getFileName());
                case "jar" -> jarYamlFiles((JarURLConnection) folder.openConnection(), location);
                default -> throw new IOException("cannot list " + folder);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in conversation files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the built-in conversation files at " + folder, e);
        }
    }

    private static List<File> jarYamlFiles(JarURLConnection connection, String location) throws IOException {
        connection.setUseCaches(false);
        String prefix = connection.getEntryName().endsWith("/") ? connection.getEntryName() : connection.getEntryName() + "/";
        List<File> files = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName().substring(Math.min(prefix.length(), entry.getName().length()));
                if (entry.isDirectory() || !entry.getName().startsWith(prefix) || name.contains("/") || !isYaml(name)) {
                    continue;
                }
                long size = entry.getSize();
                try (InputStream in = jar.getInputStream(entry)) {
                    byte[] bytes = size > DiagnosticLoader.MAX_FILE_BYTES ? new byte[0] : in.readAllBytes();
                    files.add(new File(name, "classpath:" + location + "/" + name, size < 0 ? bytes.length : size, bytes));
                }
            }
        }
        files.sort(Comparator.comparing(File::name));
        return files;
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @Override
    public String toString() {
        return description;
    }
}
