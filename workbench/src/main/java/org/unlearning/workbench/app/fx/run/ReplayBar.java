package org.unlearning.workbench.app.fx.run;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.unlearning.workbench.app.chart.RunCharts;
import org.unlearning.workbench.app.report.RunReplay;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replay of the selected finished run: a scrubber over its recorded frames (rows of its
 * metrics.csv: every step and evaluation in order, or every deletion request), Play / Pause at a
 * chosen speed, and a line saying what the current frame is. The charts show the run up to that
 * frame; leaving the replay (another selection, or Done) shows the whole run again.
 */
public final class ReplayBar extends HBox {
    /** Frames per second of the speeds offered. */
    static final List<String> SPEEDS = List.of("5 frames/s", "20 frames/s", "60 frames/s", "200 frames/s");

    private final Consumer<List<RunCharts.Shown>> show;
    private final Runnable done;
    private final Button replay = new Button("Replay");
    private final Button play = new Button("▶ Play");
    private final Button stop = new Button("Done");
    private final Slider scrub = new Slider(0, 1, 0);
    private final ComboBox<String> speed = new ComboBox<>(FXCollections.observableArrayList(SPEEDS));
    private final Label where = new Label();
    private final Timeline timer = new Timeline();
    private RunReplay run;
    private String name;
    private boolean setting;

    /**
     * @param show shows chart data in the charts
     * @param done shows the whole selection again (replay left)
     */
    public ReplayBar(Consumer<List<RunCharts.Shown>> show, Runnable done) {
        this.show = show;
        this.done = done;
        setId("replay");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 6, 2, 6));
        replay.setId("replay-start");
        replay.setTooltip(new Tooltip("Step through the selected finished run as it was recorded: every step and "
                + "evaluation of its metrics, at the chosen speed"));
        play.setId("replay-play");
        stop.setId("replay-done");
        scrub.setId("replay-scrub");
        speed.setId("replay-speed");
        where.setId("replay-where");
        where.getStyleClass().add("chart-readout");
        speed.getSelectionModel().select(1);
        speed.setTooltip(new Tooltip("Replay speed"));
        scrub.setMinWidth(160);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.setMaxWidth(600);
        scrub.setBlockIncrement(1);
        scrub.valueProperty().addListener((o, a, b) -> {
            if (!setting && run != null) {
                showFrame((int) Math.round(b.doubleValue()));
            }
        });
        replay.setOnAction(e -> startSelected());
        play.setOnAction(e -> togglePlay());
        stop.setOnAction(e -> leave());
        speed.valueProperty().addListener((o, a, b) -> {
            if (timer.getStatus() == Animation.Status.RUNNING) {
                timer.stop();
                play();
            }
        });
        timer.setCycleCount(Animation.INDEFINITE);
        getChildren().addAll(replay, play, scrub, speed, where, stop);
        active(false);
        setRun(null);
    }

    private Runnable startSelected = () -> {};

    /** What Replay starts: set by the run panel to replay its selected run. */
    void onReplay(Runnable r) {
        startSelected = r;
    }

    private void startSelected() {
        startSelected.run();
    }

    /** The run Replay would start (a finished run folder), or null to disable it. */
    void setRun(RunRecord r) {
        replay.setDisable(r == null || !r.hasResult() || r.directory() == null);
        if (run != null && (r == null || !r.name().equals(name))) {
            leave();
        }
    }

    /** Starts replaying a finished run's folder at frame 0. */
    public void start(RunRecord r) throws IOException {
        run = RunReplay.of(r.directory());
        name = r.name();
        setting = true;
        scrub.setMax(Math.max(1, run.frames()));
        scrub.setMajorTickUnit(Math.max(1, run.frames() / 10.0));
        scrub.setValue(0);
        setting = false;
        active(true);
        showFrame(0);
    }

    /** Shows the run up to frame {@code k}. */
    public void showFrame(int k) {
        if (run == null) {
            return;
        }
        k = Math.max(0, Math.min(k, run.frames()));
        setting = true;
        scrub.setValue(k);
        setting = false;
        where.setText(name + " · frame " + k + " of " + run.frames() + ": " + run.describe(k));
        show.accept(List.of(new RunCharts.Shown(name + " (replay)", run.at(k))));
        if (k >= run.frames()) {
            pause();
        }
    }

    private void togglePlay() {
        if (timer.getStatus() == Animation.Status.RUNNING) {
            pause();
        } else {
            if (frame() >= run.frames()) {
                showFrame(0);
            }
            play();
        }
    }

    private void play() {
        double fps = Double.parseDouble(speed.getValue().split(" ")[0]);
        timer.getKeyFrames().setAll(new KeyFrame(Duration.millis(1000 / Math.min(fps, 60)), e -> {
            int step = (int) Math.max(1, Math.round(fps / 60));
            showFrame(frame() + step);
        }));
        play.setText("⏸ Pause");
        timer.play();
    }

    private void pause() {
        timer.stop();
        play.setText("▶ Play");
    }

    /** Leaves the replay: the charts show the whole selection again. */
    public void leave() {
        pause();
        boolean was = run != null;
        run = null;
        active(false);
        if (was) {
            done.run();
        }
    }

    private void active(boolean on) {
        for (var n : List.of(play, scrub, speed, where, stop)) {
            n.setVisible(on);
            n.setManaged(on);
        }
        replay.setVisible(!on);
        replay.setManaged(!on);
    }

    /** The frame shown. */
    public int frame() {
        return (int) Math.round(scrub.getValue());
    }

    public boolean isReplaying() {
        return run != null;
    }

    public int frames() {
        return run == null ? 0 : run.frames();
    }

    public Label whereLabel() {
        return where;
    }

    public Slider scrubber() {
        return scrub;
    }
}
