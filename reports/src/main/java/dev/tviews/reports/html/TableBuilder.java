package dev.tviews.reports.html;

import java.util.ArrayList;
import java.util.List;

/** A plain data table: a header row and body rows; numeric columns are right-aligned so digits line up. */
public final class TableBuilder {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();
    private final List<Html> rows = new ArrayList<>();
    private final String tableClass;

    public TableBuilder(String tableClass) {
        this.tableClass = tableClass;
    }

    public TableBuilder column(String header) {
        headers.add(header);
        numeric.add(false);
        return this;
    }

    public TableBuilder numeric(String header) {
        headers.add(header);
        numeric.add(true);
        return this;
    }

    public TableBuilder row(Html... cells) {
        return row(null, cells);
    }

    /** @param rowClass a CSS class for the row (e.g. "bad" for a failure), or null */
    public TableBuilder row(String rowClass, Html... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("A row of " + cells.length + " cells in a table of " + headers.size()
                    + " columns " + headers);
        }
        Html.Element tr = Html.el("tr").cls(rowClass);
        for (int i = 0; i < cells.length; i++) {
            tr.add(Html.el("td").cls(numeric.get(i) ? "num" : null).add(cells[i]).build());
        }
        rows.add(tr.build());
        return this;
    }

    /** A full-width row under the previous one, for details such as a reproducer's SQL. */
    public TableBuilder detailRow(Html content) {
        rows.add(Html.el("tr").cls("detail").add(
                Html.el("td").attr("colspan", Integer.toString(headers.size())).add(content).build()).build());
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public Html build() {
        Html.Element head = Html.el("tr");
        for (int i = 0; i < headers.size(); i++) {
            head.add(Html.el("th").cls(numeric.get(i) ? "num" : null).text(headers.get(i)).build());
        }
        return Html.el("div").cls("table-wrap").add(
                Html.el("table").cls(tableClass)
                        .add(Html.el("thead").add(head.build()).build())
                        .add(Html.el("tbody").add(rows).build())
                        .build()).build();
    }
}
