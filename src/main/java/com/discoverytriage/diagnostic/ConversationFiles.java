package com.discoverytriage.diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> paths = entries.filter(Files::isRegularFile).filter(p -> isYaml(p.getFileName().toString()))
                    .sorted().toList();
            List<File> files = new ArrayList<>();
            for (Path p : paths) {
                long size = Files.size(p);
                files.add(new File(p.getFileName().toString(), p.toString(), size,
                        size > DiagnosticLoader.MAX_FILE_BYTES ? new byte[0] : Files.readAllBytes(p)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    private static List<File> bundledYamlFiles(String subfolder) {
        String location = subfolder.isEmpty() ? BUNDLED_LOCATION : BUNDLED_LOCATION + "/" + subfolder;
        // Spring's resolver lists a folder inside a jar (also Spring Boot's nested jars) as well as on disk
        PathMatchingResourcePatternResolver resolver =
                new PathMatchingResourcePatternResolver(ConversationFiles.class.getClassLoader());
        try {
            List<File> files = new ArrayList<>();
            if (ConversationFiles.class.getClassLoader().getResource(location + "/") == null && !subfolder.isEmpty()) {
                return List.of();
            }
            for (Resource resource : resolver.getResources("classpath:" + location + "/*.y*ml")) {
                String name = resource.getFilename();
                if (name == null || !isYaml(name)) {
                    continue;
                }
                long size = resource.contentLength();
                try (InputStream in = resource.getInputStream()) {
                    files.add(new File(name, "classpath:" + location + "/" + name, size,
                            size > DiagnosticLoader.MAX_FILE_BYTES ? new byte[0] : in.readAllBytes()));
                }
            }
            files.sort(Comparator.comparing(File::name));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in conversation files", e);
        }
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @Override
    public String toString() {
        return description;
    }
}
