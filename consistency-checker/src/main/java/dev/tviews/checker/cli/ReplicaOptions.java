package dev.tviews.checker.cli;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.Replicas;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Read replicas for a command (a picocli mixin): standbys of the embedded server, or a replica of the user's own. */
public final class ReplicaOptions {

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "0",
            description = "Streaming standbys of the embedded server to start next to it (default: ${DEFAULT-VALUE}); "
                    + "each is stopped with it, also on Ctrl-C or SIGTERM.")
    int replicas;

    @Option(names = "--replica-jdbc-url", paramLabel = "URL",
            description = "A read replica of the --jdbc-url server (e.g. a managed read replica), as a JDBC URL or "
                    + "libpq URI, instead of started standbys. It must replicate that server physically.")
    String replicaUrl;

    /** Whether any replica was asked for. */
    public boolean wanted() {
        return replicas > 0 || (replicaUrl != null && !replicaUrl.isBlank());
    }

    /** Checks the options before any server starts; throws IllegalArgumentException naming the flag. */
    public void validate() {
        if (replicas < 0) {
            throw new IllegalArgumentException("--replicas " + replicas + ": give 0 or more");
        }
    }

    /** Starts or connects to the replicas of {@code primary} (none when none were asked for). */
    public Replicas open(PostgresServer primary) {
        if (!wanted()) {
            return Replicas.none(primary);
        }
        Optional<String> url = replicaUrl == null || replicaUrl.isBlank() ? Optional.empty()
                : Optional.of(replicaUrl.trim());
        return Replicas.open(primary, url.isPresent() ? Math.max(replicas, 1) : replicas, url);
    }
}
