package dev.tviews.reports;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a generated page the way a test needs it: figures with their decoded images, table rows, attributes. */
public final class PageInspector {
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"chart( missing)?\" id=\"fig-([^\"]+)\">(.*?)</figure>", Pattern.DOTALL);
    private static final Pattern IMG = Pattern.compile(
            "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]+)\">");
    private static final Pattern CAPTION = Pattern.compile("<figcaption>(.+?)</figcaption>", Pattern.DOTALL);

    private final String html;

    public PageInspector(String html) {
        this.html = html;
    }

    public record Figure(String id, boolean missing, BufferedImage image, int width, int height, String alt,
                         String caption, String body) {
    }

    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            String body = m.group(3);
            Matcher img = IMG.matcher(body);
            Matcher caption = CAPTION.matcher(body);
            if (img.find()) {
                figures.add(new Figure(m.group(2), m.group(1) != null, decode(img.group(1)),
                        Integer.parseInt(img.group(2)), Integer.parseInt(img.group(3)), img.group(4),
                        caption.find() ? caption.group(1) : "", body));
            } else {
                figures.add(new Figure(m.group(2), m.group(1) != null, null, 0, 0, null, "", body));
            }
        }
        return figures;
    }

    /** The body rows of the table with this class. */
    public List<String> tableRows(String tableClass) {
        int start = html.indexOf("<table class=\"" + tableClass + "\">");
        assertThat(start).as("table ." + tableClass).isNotNegative();
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("<tr( class=\"[^\"]*\")?>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            if (m.group(1) == null || !m.group(1).contains("detail")) {
                rows.add(m.group(2));
            }
        }
        return rows;
    }

    /** Every value of every src and href attribute. */
    public List<String> links() {
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("\\s(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    public static BufferedImage decode(String base64) {
        try {
            return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A picture, not a blank: several colours, and a fair share of pixels that are not the background. */
    public static void assertNotBlank(BufferedImage image, String what) {
        assertThat(image).as(what + " decodes as an image").isNotNull();
        int background = image.getRGB(0, 0);
        Set<Integer> colours = new HashSet<>();
        long different = 0;
        long total = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                total++;
                if (rgb != background) {
                    different++;
                }
            }
        }
        assertThat(colours.size()).as(what + ": distinct colours").isGreaterThan(8);
        assertThat((double) different / total).as(what + ": share of non-background pixels").isGreaterThan(0.01);
    }
}
