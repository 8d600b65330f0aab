package org.unlearning.workbench.app.chart;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled DejaVu faces (resources {@code org/unlearning/workbench/app/fonts}, license beside
 * them): every chart and the PDF report use them, so σ ε δ λ ρ print the same on screen, in PNG,
 * SVG and PDF on any machine. Registered with AWT once, on first use.
 */
public final class ChartFonts {
    /** Family name of the text face. */
    public static final String FAMILY = "DejaVu Sans";

    /** A bundled face: its resource and the AWT font name PDF writers map it by. */
    public enum Face {
        REGULAR("DejaVuSans.ttf", "DejaVu Sans"),
        BOLD("DejaVuSans-Bold.ttf", "DejaVu Sans Bold"),
        MONO("DejaVuSansMono.ttf", "DejaVu Sans Mono");

        private final String resource;
        private final String fontName;

        Face(String resource, String fontName) {
            this.resource = resource;
            this.fontName = fontName;
        }

        /** {@link Font#getFontName()} of this face. */
        public String fontName() {
            return fontName;
        }

        /** A fresh stream of the TTF file (the caller closes it). */
        public InputStream open() {
            InputStream in = ChartFonts.class.getResourceAsStream("/org/unlearning/workbench/app/fonts/" + resource);
            if (in == null) {
                throw new IllegalStateException("bundled font " + resource + " is missing from the classpath");
            }
            return in;
        }
    }

    private static volatile boolean registered;

    private ChartFonts() {}

    /** Registers the bundled faces with AWT (idempotent, thread-safe). */
    public static void register() {
        if (registered) {
            return;
        }
        synchronized (ChartFonts.class) {
            if (registered) {
                return;
            }
            GraphicsEnvironment ge = GraphicsEnvironment.getLocalGraphicsEnvironment();
            for (Face f : Face.values()) {
                try (InputStream in = f.open()) {
                    ge.registerFont(Font.createFont(Font.TRUETYPE_FONT, in));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (FontFormatException e) {
                    throw new IllegalStateException("bundled font " + f + " is not a TrueType font", e);
                }
            }
            registered = true;
        }
    }

    /** DejaVu Sans in the given AWT style ({@link Font#PLAIN} or {@link Font#BOLD}) and size. */
    public static Font sans(int style, float size) {
        register();
        return new Font(FAMILY, style & Font.BOLD, 1).deriveFont(size);
    }
}
