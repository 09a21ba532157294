package dev.tviews.reports.html;

import dev.tviews.reports.charts.Figure;

import java.util.List;

/** A chart as a {@code <figure>}: the embedded PNG and its one-sentence reading, or why it is missing. */
public final class FigureHtml {
    private FigureHtml() {
    }

    public static Html render(Figure figure) {
        if (!figure.measured()) {
            return Html.el("figure").cls("chart missing").attr("id", "fig-" + figure.id())
                    .add(Html.el("div").cls("placeholder")
                            .add(Html.el("strong", figure.title()), Html.el("span", figure.reading()))
                            .build())
                    .build();
        }
        return Html.el("figure").cls("chart").attr("id", "fig-" + figure.id())
                .add(Html.el("img").dataUri("src", "image/png", figure.png())
                        .attr("width", Integer.toString(figure.width()))
                        .attr("height", Integer.toString(figure.height()))
                        .attr("alt", figure.title()).build())
                .add(Html.el("figcaption", figure.reading()))
                .build();
    }

    public static Html renderAll(List<Figure> figures) {
        return Html.join(figures.stream().map(FigureHtml::render).toList());
    }
}
