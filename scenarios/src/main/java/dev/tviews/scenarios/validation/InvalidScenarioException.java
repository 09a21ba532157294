package dev.tviews.scenarios.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario was refused; nothing was written to the database. Carries every problem found. */
public final class InvalidScenarioException extends RuntimeException {

    private final List<ScenarioProblem> problems;

    public InvalidScenarioException(List<ScenarioProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }

    private static String format(List<ScenarioProblem> problems) {
        String header = problems.size() == 1 ? "The scenario has a problem:" : "The scenario has " + problems.size() + " problems:";
        return header + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
