package dev.tviews.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the fixture report in headless Chromium, as a person would open the file: it must render (the DOM has
 * every chart), show a picture (the screenshot is not one colour), and log nothing to the console. Skipped
 * where Chromium is not installed ({@code apt-get install chromium}); {@code CHROMIUM} may name the binary.
 * The screenshot is kept as {@code target/fixture-report/screenshot.png}.
 */
class ChromiumReportTest {
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void reportRendersInABrowserWithoutConsoleErrors(@TempDir Path profile) throws Exception {
        Optional<Path> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (no /usr/bin/chromium, no chromium on PATH, "
                + "no CHROMIUM variable): the browser check is skipped. apt-get install chromium to run it.");
        Path report = RenderedFixture.report();
        Path screenshot = profile.resolve("screenshot.png");
        Path dom = profile.resolve("dom.html");
        Path log = profile.resolve("chromium.log");

        Process process = new ProcessBuilder(chromium.get().toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--window-size=1400,3000",
                "--screenshot=" + screenshot, "--dump-dom", report.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + log);
        }
        String stderr = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("Chromium's exit code; its log:\n" + stderr).isZero();

        List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertThat(console).as("messages the page wrote to the browser console").isEmpty();

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(rendered).contains("At a glance").contains("</html>");
        int charts = new PageInspector(RenderedFixture.html()).figures().size();
        assertThat(rendered.split("<img src=\"data:image/png;base64,", -1)).hasSize(charts + 1);

        BufferedImage image = ImageIO.read(screenshot.toFile());
        PageInspector.assertNotBlank(image, "the screenshot");
        Files.copy(screenshot, RenderedFixture.DIR.resolve("screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<Path> findChromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Path standard = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(standard)) {
            return Optional.of(standard);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

}
