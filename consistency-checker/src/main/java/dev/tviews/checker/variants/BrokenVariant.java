package dev.tviews.checker.variants;

import dev.tviews.checker.generate.Weights;

/**
 * A correct engine broken on purpose in one known way: a class of IVM bug the checker must catch.
 *
 * @param name        the strategy name it is registered under, e.g. {@code broken-old-parent}
 * @param bug         the class of bug, in a sentence
 * @param baseEngine  the correct strategy it breaks ({@code tviews-statement} or {@code tviews-row})
 * @param breakage    what it changes after the engine created the TVIEWs
 * @param concurrent  only concurrent writers show it: the concurrency checker hunts it
 * @param avoiding    a single-session workload that never exercises the bug: the variant must pass it
 *                    (detection is specific, not an engine broken everywhere)
 * @param avoids      what {@code avoiding} leaves out, for people
 */
public record BrokenVariant(String name, String bug, String baseEngine, Breakage breakage, boolean concurrent,
                            Weights avoiding, String avoids) {
}
