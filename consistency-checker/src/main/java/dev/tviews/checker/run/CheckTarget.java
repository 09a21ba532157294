package dev.tviews.checker.run;

import dev.tviews.scenarios.model.Scenario;

/**
 * What to check: a scenario at a scale under a read-model strategy.
 *
 * @param scenarioArgument how the command line names the scenario (a bundled name or a file path), for replay commands
 * @param engine           a strategy name of {@link dev.tviews.scenarios.engine.ReadModelEngines}
 */
public record CheckTarget(String scenarioArgument, Scenario scenario, String scale, String engine) {
}
