package dev.tviews.engine.analysis;

import net.sf.jsqlparser.schema.Column;

import java.util.List;
import java.util.Map;

/** Names visible at one level of the query, with the enclosing levels for correlated references. */
record Scope(Scope parent, List<Member> members, Ctes ctes) {

    Member add(Member m) {
        members.add(m);
        return m;
    }

    Member member(String alias) {
        for (Member m : members) {
            if (m.alias().equals(alias)) {
                return m;
            }
        }
        return null;
    }

    /** The column {@code c} denotes here or in an enclosing scope; null when it is opaque. */
    ColumnRef resolve(Column c) {
        String qualifier = c.getTable() == null || c.getTable().getName() == null ? null
                : SelectSyntax.normalize(c.getTable().getName());
        return resolve(qualifier, SelectSyntax.normalize(c.getColumnName()));
    }

    /** The column a reference denotes here or in an enclosing scope; null when it is opaque. */
    ColumnRef resolve(String qualifier, String column) {
        for (Scope s = this; s != null; s = s.parent()) {
            if (qualifier != null) {
                Member m = s.member(qualifier);
                if (m != null) {
                    return m.column(column);
                }
            } else {
                for (Member m : s.members()) {
                    if (m.columnNames().contains(column)) {
                        return m.column(column);
                    }
                }
            }
        }
        return null;
    }

    /** A relation occurrence or a derived table, under its alias. */
    record Member(String alias, Occurrence occurrence, Derived derived) {

        List<String> columnNames() {
            if (occurrence != null) {
                return occurrence.columns().stream().map(ColumnInfo::name).toList();
            }
            return derived.names();
        }

        ColumnRef column(String name) {
            if (occurrence != null) {
                return occurrence.hasColumn(name) ? new ColumnRef(occurrence, name) : null;
            }
            return derived.outputs().get(name);
        }
    }

    record Derived(List<String> names, Map<String, ColumnRef> outputs) {
    }
}
