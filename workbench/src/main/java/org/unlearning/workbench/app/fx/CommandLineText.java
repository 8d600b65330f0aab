package org.unlearning.workbench.app.fx;

import org.unlearning.workbench.accounting.method.ParameterDescription;
import org.unlearning.workbench.engine.unlearn.MethodConfig;
import org.unlearning.workbench.engine.unlearn.ModelConfig;
import org.unlearning.workbench.engine.unlearn.Presets;
import org.unlearning.workbench.engine.unlearn.UnlearningConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * "Copy as command line": the CLI call that reproduces the window's next run. When the settings
 * are a preset plus what {@code unlearn}'s options can say (--data, --model, --param, --forget-fraction,
 * --requests, --retrain-baseline, --seed, --noise), it is one line; the options are applied
 * here the way {@code unlearn} applies them and the result must equal the run's configuration
 * exactly. Anything else (another fine-tune budget, a class list, a method without a preset) becomes
 * the exact configuration in a here-document and {@code unlearn --config}.
 */
public final class CommandLineText {
    /** How the README calls the CLI. */
    public static final String CLI = "java -jar workbench/target/unlearning-workbench.jar";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private CommandLineText() {}

    /**
     * @param config the run's configuration (what the Run button would start)
     * @param preset the preset the window's values came from, or null
     * @param out    the run folder the command writes
     */
    public static String of(UnlearningConfig config, String preset, String out) {
        List<String> args = presetArgs(config, preset);
        if (args != null) {
            args.add("--out");
            args.add(out);
            return CLI + " unlearn " + String.join(" ", args.stream().map(CommandLineText::quote).toList());
        }
        return "cat > run-config.json <<'EOF'\n" + config.toJson() + "\nEOF\n"
                + CLI + " unlearn --config run-config.json --out " + quote(out);
    }

    /** {@code verify RUN_DIR [--data SOURCE]}: the checks the window's Verify action runs. */
    public static String verify(java.nio.file.Path runDir, String data) {
        return CLI + " verify " + quote(runDir.toAbsolutePath().toString()) + (data == null ? "" : " --data " + quote(data));
    }

    /** The options after {@code unlearn} that give exactly {@code config} from the preset, or null if none do. */
    static List<String> presetArgs(UnlearningConfig config, String preset) {
        if (preset == null || !Presets.NAMES.contains(preset)) {
            return null;
        }
        try {
            List<String> args = new ArrayList<>(List.of("--preset", preset));
            String source = config.data().source();
            boolean dataOption = Presets.requiresData(preset)
                    || !Objects.equals(Presets.load(preset, null).data().source(), source);
            UnlearningConfig base = Presets.load(preset, dataOption ? source : null);
            if (dataOption) {
                args.addAll(List.of("--data", source));
            }
            UnlearningConfig cfg = base;
            Double fraction = Objects.equals(base.data().forgetFraction(), config.data().forgetFraction()) ? null
                    : config.data().forgetFraction();
            Integer requests = Objects.equals(base.data().requests(), config.data().requests()) ? null
                    : config.data().requests();
            if (fraction != null) {
                args.addAll(List.of("--forget-fraction", number(fraction)));
            }
            if (requests != null) {
                args.addAll(List.of("--requests", requests.toString()));
            }
            if (fraction != null || requests != null) {
                cfg = cfg.with("data", cfg.data().withRequests(fraction, requests));
            }
            String model = config.model().path();
            if (model != null && !model.equals(base.model().path())) {
                args.addAll(List.of("--model", model));
                ModelConfig mc = cfg.model();
                String arch = org.unlearning.workbench.engine.unlearn.ModelFiles.architecture(java.nio.file.Path.of(model))
                        .orElse(mc.architecture());
                cfg = cfg.with("model", new ModelConfig(model, arch, mc.trainEpochs(), mc.trainSeed()));
            }
            if (!cfg.method().key().equals(config.method().key())) {
                return null;
            }
            MethodConfig m = cfg.method();
            Map<String, Object> want = config.method().values();
            for (ParameterDescription d : m.method().schema().parameters()) {
                Object v = want.get(d.key());
                if (d.runInput() && v != null && !v.equals(m.values().get(d.key()))) {
                    String text = v instanceof Double x ? number(x) : v.toString();
                    args.addAll(List.of("--param", d.key() + "=" + text));
                    m = m.with(d.key(), text);
                }
            }
            cfg = cfg.with("method", m);
            if (!Objects.equals(cfg.retrainBaseline(), config.retrainBaseline())) {
                args.add(config.retrainBaseline() ? "--retrain-baseline" : "--no-retrain-baseline");
                cfg = cfg.with("retrainBaseline", config.retrainBaseline());
            }
            if (!Objects.equals(cfg.seed(), config.seed())) {
                args.addAll(List.of("--seed", config.seed().toString()));
                cfg = cfg.with("seed", config.seed());
            }
            if (!Objects.equals(cfg.noise(), config.noise())) {
                args.addAll(List.of("--noise", config.noise()));
                cfg = cfg.with("noise", config.noise());
            }
            return cfg.toJson().equals(config.toJson()) ? args : null;
        } catch (IOException | RuntimeException e) {
            return null;   // the long form is always exact
        }
    }

    /** Shortest text that parses back to the same double. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        return SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
