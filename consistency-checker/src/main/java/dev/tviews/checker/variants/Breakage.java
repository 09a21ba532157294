package dev.tviews.checker.variants;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a broken variant breaks the correct engine: SQL computed from what the engine just created
 * (its trigger fragments, its refresh functions). The statements can run again on a copy of the
 * database (reproducers re-apply them after a template clone), and an empty list means the
 * variant does not apply to this engine or these TVIEWs, which is an error.
 */
@FunctionalInterface
public interface Breakage {

    List<String> statements(Connection c) throws SQLException;
}
