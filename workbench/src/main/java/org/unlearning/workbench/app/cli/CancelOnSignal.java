package org.unlearning.workbench.app.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C and SIGTERM while a command writes a run folder: the first signal requests cancellation
 * and gives the run up to {@code grace} to record its final, not-certified status (the command
 * calls {@link #finished()} once it has); then the process exits with 128 + the signal number (130
 * for SIGINT, 143 for SIGTERM). A second signal exits at once — the folder then still says
 * {@code in-progress}, which every reader reports as "interrupted, not certified". Other ways the
 * JVM shuts down (SIGHUP, {@code System.exit}) also cancel and wait, through a shutdown hook.
 * <p>
 * A signal the parent process ignored (e.g. SIGINT for a background job of a non-interactive
 * shell) stays ignored: the JVM does not let it be handled ({@link #handles}).
 */
public final class CancelOnSignal implements AutoCloseable {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Runnable cancel;
    private final Duration grace;
    private final PrintStream err;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final Thread hook;
    private volatile int exitCode;

    private CancelOnSignal(Runnable cancel, Duration grace, PrintStream err) {
        this.cancel = cancel;
        this.grace = grace;
        this.err = err;
        this.hook = new Thread(this::onShutdown, "cancel-on-exit");
    }

    /**
     * Installs the handlers until {@link #close()}.
     *
     * @param cancel requests cancellation (e.g. sets the run's cancel token); called at most once per signal
     */
    public static CancelOnSignal install(Runnable cancel, Duration grace, PrintStream err) {
        CancelOnSignal c = new CancelOnSignal(cancel, grace, err);
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                c.previous.put(s, Signal.handle(s, c::onSignal));
            } catch (IllegalArgumentException e) {
                // not available here (e.g. -Xrs): the shutdown hook still cancels and waits
            }
        }
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** True when the signal (e.g. "INT") reaches this handler (it was not ignored when the JVM started). */
    public boolean handles(String signal) {
        for (Map.Entry<Signal, SignalHandler> e : previous.entrySet()) {
            if (e.getKey().getName().equals(signal)) {
                return e.getValue() != SignalHandler.SIG_IGN;
            }
        }
        return false;
    }

    private void onSignal(Signal sig) {
        int code = 128 + sig.getNumber();
        if (signals.incrementAndGet() > 1) {
            err.println("interrupted again: exiting now (the run folder keeps its in-progress status: "
                    + "interrupted, not certified)");
            err.flush();
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        err.printf("interrupted (SIG%s): cancelling; waiting up to %d s for the run to record its status "
                + "(press Ctrl-C again to quit at once)%n", sig.getName(), grace.toSeconds());
        err.flush();
        cancel.run();
        Thread watchdog = new Thread(() -> {
            if (!await()) {
                err.printf("the run did not stop within %d s; exiting (its folder keeps its in-progress status: "
                        + "interrupted, not certified)%n", grace.toSeconds());
                err.flush();
                Runtime.getRuntime().halt(code);
            }
        }, "cancel-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void onShutdown() {
        if (done.getCount() > 0) {
            cancel.run();
            await();
        }
    }

    private boolean await() {
        try {
            return done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The run has recorded its final status: an exit may proceed. */
    public void finished() {
        done.countDown();
    }

    /** True when a signal asked the run to stop. */
    public boolean signalled() {
        return exitCode != 0;
    }

    /** 128 + the signal number once signalled (130 SIGINT, 143 SIGTERM), else 0. */
    public int exitCode() {
        return exitCode;
    }

    /** Restores the previous handlers (call when the run is over). */
    @Override
    public void close() {
        finished();
        previous.forEach((s, h) -> {
            if (h != SignalHandler.SIG_IGN) {
                Signal.handle(s, h);
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
