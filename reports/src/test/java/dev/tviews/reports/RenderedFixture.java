package dev.tviews.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The fixture's report, rendered once per test run (drawing a dozen charts is the slow part) into
 * {@code target/fixture-report/results/report.html}, where a person can open it too.
 */
public final class RenderedFixture {
    public static final Path DIR = Path.of("target", "fixture-report");
    private static Path report;

    private RenderedFixture() {
    }

    public static synchronized Path report() {
        if (report == null) {
            try {
                if (Files.exists(DIR)) {
                    try (Stream<Path> walk = Files.walk(DIR)) {
                        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Path results = Fixtures.copy(Fixtures.results(), DIR.resolve("results"));
                report = ReportGenerator.generate(results).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return report;
    }

    public static String html() {
        try {
            return Files.readString(report(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
