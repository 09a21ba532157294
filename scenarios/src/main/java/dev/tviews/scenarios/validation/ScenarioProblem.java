package dev.tviews.scenarios.validation;

import dev.tviews.scenarios.model.SourceLocation;

/**
 * One thing wrong with a scenario: where, what, and what to do about it.
 *
 * @param fix what to change; may be empty when the message says it all
 */
public record ScenarioProblem(SourceLocation location, String message, String fix) {

    @Override
    public String toString() {
        return location + ": " + message + (fix == null || fix.isEmpty() ? "" : " — " + fix);
    }
}
