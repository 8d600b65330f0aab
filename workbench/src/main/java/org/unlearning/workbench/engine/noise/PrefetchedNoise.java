package org.unlearning.workbench.engine.noise;

import java.lang.ref.Cleaner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a generator ahead of its consumer on a daemon thread: blocks of draws are produced in order
 * (so a demonstration stream is the same sequence as without prefetching) up to {@link #AHEAD}
 * blocks ahead, and the consumer only copies them. Why: for the small dense models a noisy step is
 * a few hundred microseconds on one core (their thread rule), and the draws themselves (≈ 3 ns each
 * from AES-CTR + ziggurat) would add 10–20 % to it; the machine's other core makes them meanwhile.
 * <p>
 * The producer starts on first use and stops on {@link #close()} or when this object becomes
 * unreachable. An error in the producer is rethrown to the consumer.
 */
final class PrefetchedNoise implements GaussianNoise {
    static final int BLOCK = 65536;
    static final int AHEAD = 2;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final double[] FAILED = new double[0];

    private final GaussianNoise inner;
    private final Producer producer;
    private final Cleaner.Cleanable cleanable;
    private double[] current;
    private int pos;
    private boolean started;

    PrefetchedNoise(GaussianNoise inner) {
        this.inner = inner;
        this.producer = new Producer(inner);
        this.cleanable = CLEANER.register(this, producer::stop);
    }

    /** Produces blocks in order; holds no reference to the {@link PrefetchedNoise} itself. */
    private static final class Producer implements Runnable {
        final GaussianNoise source;
        final BlockingQueue<double[]> filled = new ArrayBlockingQueue<>(AHEAD + 1);
        final BlockingQueue<double[]> free = new ArrayBlockingQueue<>(AHEAD + 1);
        volatile Throwable error;
        volatile Thread thread;

        Producer(GaussianNoise source) {
            this.source = source;
            for (int i = 0; i < AHEAD; i++) {
                free.add(new double[BLOCK]);
            }
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    double[] b = free.take();
                    source.fill(b, 0, BLOCK);
                    filled.put(b);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Throwable t) {
                error = t;
                filled.offer(FAILED);
            } finally {
                source.close();
            }
        }

        void stop() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            } else {
                source.close();
            }
        }
    }

    private void refill() {
        if (!started) {
            Thread t = new Thread(producer, "noise-prefetch");
            t.setDaemon(true);
            producer.thread = t;
            started = true;
            t.start();
        }
        if (current != null && current != FAILED) {
            producer.free.add(current);
        }
        try {
            current = producer.filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for noise", e);
        }
        if (current == FAILED) {
            throw new IllegalStateException("noise generator failed: " + producer.error, producer.error);
        }
        pos = 0;
    }

    @Override
    public double next() {
        if (current == null || pos == current.length) {
            refill();
        }
        return current[pos++];
    }

    /** Draws available in the current block (refilled when empty), at most {@code want}. */
    private int available(int want) {
        if (current == null || pos == current.length) {
            refill();
        }
        return Math.min(want, current.length - pos);
    }

    @Override
    public void fill(double[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        for (int o = off, n; o < off + len; o += n, pos += n) {
            n = available(off + len - o);
            System.arraycopy(current, pos, out, o, n);
        }
    }

    @Override
    public void fill(float[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        for (int o = off, n; o < off + len; o += n, pos += n) {
            n = available(off + len - o);
            for (int k = 0; k < n; k++) {
                out[o + k] = (float) current[pos + k];
            }
        }
    }

    @Override
    public boolean isSecure() {
        return inner.isSecure();
    }

    @Override
    public String describe() {
        return inner.describe() + "; drawn in blocks ahead of use on a background thread";
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public void close() {
        if (current != null) {
            java.util.Arrays.fill(current, 0.0);
        }
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "GaussianNoise[" + kind() + ", prefetched]";
    }
}
