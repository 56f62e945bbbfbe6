package com.discoverytriage.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Conversation file sets: the built-in one and a directory")
class ConversationFilesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the built-in set holds the project's conversations/*.yaml as they were at build time")
    void builtInIsTheProjectFolder() throws IOException {
        List<String> project;
        try (Stream<Path> files = Files.list(Path.of("conversations"))) {
            project = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        List<ConversationFiles.File> bundled = ConversationFiles.bundled().yamlFiles();

        assertThat(bundled).extracting(ConversationFiles.File::name).containsExactlyElementsOf(project);
        for (ConversationFiles.File file : bundled) {
            assertThat(file.bytes()).isEqualTo(Files.readAllBytes(Path.of("conversations", file.name())));
            assertThat(file.label()).isEqualTo("classpath:conversations/" + file.name());
        }
        assertThat(ConversationFiles.configured(null).isBundled()).isTrue();
        assertThat(ConversationFiles.configured(" ").isBundled()).isTrue();
    }

    @Test
    @DisplayName("a sub-folder is read on its own; a missing one is empty, in either kind of set")
    void subfolders() throws IOException {
        Files.createDirectories(dir.resolve("personas"));
        Files.writeString(dir.resolve("personas/b.yaml"), "id: b\n");
        Files.writeString(dir.resolve("personas/a.yml"), "id: a\n");
        Files.writeString(dir.resolve("personas/notes.md"), "not read\n");
        Files.writeString(dir.resolve("top.yaml"), "id: top\n");

        ConversationFiles set = ConversationFiles.directory(dir);
        assertThat(set.yamlFiles()).extracting(ConversationFiles.File::name).containsExactly("top.yaml");
        assertThat(set.yamlFiles("personas")).extracting(ConversationFiles.File::name).containsExactly("a.yml", "b.yaml");
        assertThat(set.yamlFiles("none")).isEmpty();
        assertThat(ConversationFiles.bundled().yamlFiles("no-such-folder")).isEmpty();
    }

    @Test
    @DisplayName("in a jar (the image's extracted layout) the built-in set is read the same way: only the folder's "
            + "own YAML files, sorted, with their bytes and classpath labels")
    void builtInSetInAJar() throws IOException {
        Path jar = dir.resolve("application.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String[] entry : new String[][] {{"conversations/", ""}, {"conversations/b.yaml", "id: b\n"},
                    {"conversations/a.yml", "id: a\n"}, {"conversations/README.md", "not read\n"},
                    {"conversations/personas/", ""}, {"conversations/personas/p.yaml", "id: p\n"},
                    {"other/c.yaml", "id: c\n"}}) {
                out.putNextEntry(new JarEntry(entry[0]));
                out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<ConversationFiles.File> top = ConversationFiles.classpathYamlFiles(loader, "conversations");
            assertThat(top).extracting(ConversationFiles.File::name).containsExactly("a.yml", "b.yaml");
            assertThat(top.get(1).bytes()).isEqualTo("id: b\n".getBytes(StandardCharsets.UTF_8));
            assertThat(top.get(1).size()).isEqualTo(6);
            assertThat(top.get(1).label()).isEqualTo("classpath:conversations/b.yaml");
            assertThat(ConversationFiles.classpathYamlFiles(loader, "conversations/personas"))
                    .extracting(ConversationFiles.File::name).containsExactly("p.yaml");
            assertThat(ConversationFiles.classpathYamlFiles(loader, "conversations/none")).isEmpty();
        }
    }
}
