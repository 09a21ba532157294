package dev.tviews.reports;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed fixture folders, copied where a test may write next to them. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path results() {
        return resource("fixture-results");
    }

    public static Path baseline() {
        return resource("fixture-baseline");
    }

    /** A copy of a fixture folder under {@code target}, so a test can add or break files. */
    public static Path copy(Path fixture, Path into) throws IOException {
        try (Stream<Path> walk = Files.walk(fixture)) {
            for (Path source : walk.toList()) {
                Path target = into.resolve(fixture.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return into;
    }

    private static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Test resource " + name + " is missing", e);
        }
    }
}
