package dev.tviews.reports;

import dev.tviews.reports.html.ReportPage;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.ResultsFormatException;
import dev.tviews.reports.model.RunResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders one results folder into one self-contained HTML file: charts embedded as PNG, no scripts,
 * nothing fetched from a network. See docs/reports.md.
 * <pre>
 * Path html = ReportGenerator.generate(Path.of("results"));                  // results/report.html
 * Path html = ReportGenerator.generate(Path.of("results"), Path.of("out.html"));
 * </pre>
 */
public final class ReportGenerator {
    public static final String DEFAULT_FILE_NAME = "report.html";

    static {
        // XChart draws with Java2D; on a machine without a display it must be told so before AWT starts.
        System.setProperty("java.awt.headless", "true");
    }

    private ReportGenerator() {
    }

    /** Writes {@code <resultsFolder>/report.html} and returns its path. */
    public static Path generate(Path resultsFolder) throws IOException {
        return generate(resultsFolder, resultsFolder.resolve(DEFAULT_FILE_NAME));
    }

    /**
     * Writes the report of {@code resultsFolder} to {@code output} (parent folders created) and returns it.
     *
     * @throws ResultsFormatException when the folder is missing or a file in it is malformed; the message
     *                                names the file and, for JSON, the path inside it
     */
    public static Path generate(Path resultsFolder, Path output) throws IOException {
        String html = render(ResultsFolder.read(resultsFolder), output.toAbsolutePath().getParent());
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, html, StandardCharsets.UTF_8);
        return output;
    }

    /** The page as a string, for callers that write it elsewhere; links are relative to {@code reportFolder}. */
    public static String render(RunResults results, Path reportFolder) {
        return ReportPage.render(results, reportFolder);
    }

    /** {@code java -cp ... dev.tviews.reports.ReportGenerator <results-folder> [<output.html>]}. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: ReportGenerator <results-folder> [<output.html>]");
            System.err.println("Writes <results-folder>/" + DEFAULT_FILE_NAME + " unless an output file is given.");
            System.exit(2);
        }
        try {
            Path folder = Path.of(args[0]);
            Path out = generate(folder, args.length == 2 ? Path.of(args[1]) : folder.resolve(DEFAULT_FILE_NAME));
            System.out.println("Report written to " + out);
        } catch (ResultsFormatException | IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
