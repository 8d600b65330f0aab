package org.unlearning.workbench.app.fx;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.model.Backend;
import org.unlearning.workbench.engine.model.BackendChoice;
import org.unlearning.workbench.engine.model.ComputeSettings;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * View-model of the status bar: the ND4J backend in use and why (CPU or CUDA, as chosen by
 * {@link Backend}; checked once on a background thread because loading the native backend takes
 * seconds), threads and JVM memory (polled).
 */
public final class SystemStatus {
    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper("ND4J: loading…");
    private final ReadOnlyStringWrapper threads = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper();
    private final Timeline poll;

    public SystemStatus(Supplier<String> backendProbe) {
        Thread t = new Thread(() -> {
            String b;
            try {
                b = backendProbe.get();
            } catch (Throwable e) {
                b = "ND4J unavailable (" + ErrorDialogs.messageOf(e) + ")";
            }
            String text = b;
            Platform.runLater(() -> backend.set(text));
        }, "nd4j-backend-probe");
        t.setDaemon(true);
        t.start();
        refresh();
        poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * The backend the workbench chose and why ({@link Backend#choice()}), checked against the one
     * ND4J actually loaded (loading it here, off the FX thread).
     */
    public static String probeNd4j() {
        BackendChoice choice = Backend.choice();
        String loaded = Nd4j.getBackend().getClass().getSimpleName();
        boolean cuda = loaded.toLowerCase(Locale.ROOT).contains("cublas");
        if (cuda != choice.isCuda()) {
            return "ND4J loaded " + loaded + " although the workbench chose " + choice.label();
        }
        return choice.statusText();
    }

    private void refresh() {
        Runtime rt = Runtime.getRuntime();
        // the engine's compute settings once a model has applied them (ComputeSettings: backend,
        // BLAS, threads chosen per model size and why); polling never loads ND4J itself
        ComputeSettings cs = ComputeSettings.appliedOrNull();
        threads.set(cs == null ? rt.availableProcessors() + " cores · " + Thread.activeCount() + " JVM threads"
                : cs.summary());
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        memory.set("heap " + used + " / " + (rt.maxMemory() >> 20) + " MB");
    }

    public void stop() {
        poll.stop();
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }
}
