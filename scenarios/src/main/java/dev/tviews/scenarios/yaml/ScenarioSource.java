package dev.tviews.scenarios.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A scenario file or a file it references (a {@code .sql} file), on disk or on the class path. */
public interface ScenarioSource {

    /** How messages name it: the path as given, or {@code classpath:…}. */
    String name();

    /** The text; {@link NoSuchFileException} when it does not exist. */
    String read() throws IOException;

    /** A file named relative to this one. */
    ScenarioSource resolve(String relative);

    static ScenarioSource of(Path path) {
        return new FileSource(path);
    }

    static ScenarioSource classpath(String resource) {
        return new ClasspathSource(resource.startsWith("/") ? resource.substring(1) : resource);
    }

    record FileSource(Path path) implements ScenarioSource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public String read() throws IOException {
            return Files.readString(path, StandardCharsets.UTF_8);
        }

        @Override
        public ScenarioSource resolve(String relative) {
            return new FileSource(path.getParent() == null ? Path.of(relative) : path.getParent().resolve(relative));
        }
    }

    record ClasspathSource(String resource) implements ScenarioSource {
        @Override
        public String name() {
            return "classpath:" + resource;
        }

        @Override
        public String read() throws IOException {
            try (InputStream in = ScenarioSource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new NoSuchFileException(name());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public ScenarioSource resolve(String relative) {
            int slash = resource.lastIndexOf('/');
            String base = slash < 0 ? "" : resource.substring(0, slash + 1);
            return new ClasspathSource(java.net.URI.create("x:/" + base).resolve(relative).getPath().substring(1));
        }
    }
}
