package dev.tviews.checker.cli;

import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.variants.BrokenVariant;
import dev.tviews.checker.variants.VariantCatalogue;
import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.database.PostgresServer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check --variants}: hunts every broken variant of the catalogue (or those named) with the
 * generic checker and prints, per variant, the statements and seconds until detection and the
 * reproducer's size; writes the reproducers into a folder.
 */
final class VariantsRun {

    private VariantsRun() {
    }

    static int run(PostgresServer server, List<String> names, long seed, VariantHunt.Budget budget, Path folder,
                   PrintWriter out) throws Exception {
        List<BrokenVariant> variants = new ArrayList<>();
        for (String n : names) {
            variants.add(VariantCatalogue.byName(n).orElseThrow(() -> new IllegalArgumentException("no broken variant '"
                    + n + "'; the catalogue has " + VariantCatalogue.all().stream().map(BrokenVariant::name).toList())));
        }
        if (variants.isEmpty()) {
            variants.addAll(VariantCatalogue.all());
        }
        out.printf("hunting %d broken variants on scenario 'variants' (scale tiny), seeds from %d, up to %d seeds of %d "
                        + "transactions (%d concurrent rounds); reproducers in %s%n", variants.size(), seed, budget.seeds(),
                budget.transactionsPerSeed(), budget.concurrentRounds(), folder.toAbsolutePath());
        out.println(VariantHunt.TABLE_HEADER);
        out.flush();
        int missed = 0;
        try (ScenarioTemplates templates = new ScenarioTemplates(server, true)) {
            VariantHunt hunt = new VariantHunt(templates, budget);
            for (BrokenVariant v : variants) {
                VariantHunt.Detection d = hunt.hunt(v, seed);
                out.println(d.row());
                out.flush();
                if (d.caught()) {
                    d.shrunk().orElseThrow().script().write(folder.resolve(v.name() + ".sql"));
                } else {
                    missed++;
                }
            }
        }
        out.println(missed == 0 ? "every variant was caught; replay one with: java -jar benchmarks.jar replay "
                + folder.resolve(variants.get(0).name() + ".sql") : missed + " variant(s) not caught");
        return missed == 0 ? 0 : 1;
    }
}
