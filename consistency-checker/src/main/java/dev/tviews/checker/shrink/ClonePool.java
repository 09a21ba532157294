package dev.tviews.checker.shrink;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.TemplateDatabase;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fresh clones of a template, one made ahead while the current one is in use, and dropped in the
 * background: a candidate replay then waits for neither the clone nor the drop.
 */
public final class ClonePool implements AutoCloseable {

    private final TemplateDatabase template;
    private final ExecutorService maker = Executors.newSingleThreadExecutor(daemon("tviews-shrink-clone"));
    private final ExecutorService dropper = Executors.newSingleThreadExecutor(daemon("tviews-shrink-drop"));
    private final Deque<Future<FreshDatabase>> ready = new ArrayDeque<>();

    public ClonePool(TemplateDatabase template) {
        this.template = template;
    }

    public FreshDatabase take() throws InterruptedException {
        if (ready.isEmpty()) {
            ready.add(maker.submit(template::cloneFresh));
        }
        Future<FreshDatabase> next = ready.poll();
        ready.add(maker.submit(template::cloneFresh));
        try {
            return next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    public void release(FreshDatabase db) {
        dropper.submit(db::close);
    }

    @Override
    public void close() {
        for (Future<FreshDatabase> f : ready) {
            try {
                f.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                // a clone that failed to be made needs no drop
            }
        }
        ready.clear();
        maker.shutdown();
        dropper.shutdown();
        try {
            // The template is dropped next, which needs every clone gone.
            dropper.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
