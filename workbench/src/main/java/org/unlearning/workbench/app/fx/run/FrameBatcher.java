package org.unlearning.workbench.app.fx.run;

import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Hands events from a worker thread to the FX thread in batches: the worker {@link #offer}s, an
 * {@link AnimationTimer} drains the queue once per frame and delivers at most what fits in a small
 * time budget, so a fast engine never floods the FX thread.
 *
 * @param <E> event type
 */
public final class FrameBatcher<E> {
    /** Time the FX thread may spend per frame applying events. */
    public static final long FRAME_BUDGET_NANOS = 4_000_000L;
    private static final int CHUNK = 256;

    private final Queue<E> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<E>> sink;
    private final AnimationTimer timer;
    private long maxFrameNanos;
    private long frames;
    private long slowFrames;

    /** @param sink applies one batch on the FX thread */
    public FrameBatcher(Consumer<List<E>> sink) {
        this.sink = sink;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t0 = System.nanoTime();
                if (drain(FRAME_BUDGET_NANOS) > 0) {
                    long spent = System.nanoTime() - t0;
                    maxFrameNanos = Math.max(maxFrameNanos, spent);
                    frames++;
                    if (spent > FRAME_BUDGET_NANOS * 2) {
                        slowFrames++;
                    }
                }
            }
        };
    }

    /** Any thread. */
    public void offer(E event) {
        queue.add(event);
    }

    public void start() {
        timer.start();
    }

    /** Stops the timer after delivering everything still queued (FX thread). */
    public void stop() {
        timer.stop();
        drain(Long.MAX_VALUE);
    }

    /** Delivers queued events in chunks until the queue is empty or the budget is spent (FX thread). */
    public int drain(long budgetNanos) {
        long start = System.nanoTime();
        int delivered = 0;
        while (!queue.isEmpty() && System.nanoTime() - start < budgetNanos) {
            List<E> batch = new ArrayList<>(CHUNK);
            E e;
            while (batch.size() < CHUNK && (e = queue.poll()) != null) {
                batch.add(e);
            }
            if (!batch.isEmpty()) {
                sink.accept(batch);
                delivered += batch.size();
            }
        }
        return delivered;
    }

    public int pending() {
        return queue.size();
    }

    /** Longest time one animation frame spent delivering events (the final flush excluded). */
    public long maxFrameNanos() {
        return maxFrameNanos;
    }

    /** Frames that delivered events. */
    public long frames() {
        return frames;
    }

    /** Frames that took more than twice the budget (e.g. the first ones, before the JIT warms up). */
    public long slowFrames() {
        return slowFrames;
    }
}
