package org.unlearning.workbench.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * How one series is drawn: colour, dash pattern and marker. Colours come from the Okabe–Ito
 * palette (distinguishable with the common colour-vision deficiencies); dash and marker make
 * series distinguishable in greyscale print too.
 */
public record SeriesStyle(Color color, Dash dash, Marker marker) {
    /** Okabe & Ito (2008), without yellow (too light on white): blue, vermillion, bluish green,
     *  orange, reddish purple, sky blue, black. */
    public static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xE69F00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000)
    };

    /** Line patterns, in order of use. */
    public enum Dash {
        SOLID(null), DASHED(new float[] {7f, 4f}), DOTTED(new float[] {1.5f, 3f}),
        DASH_DOT(new float[] {8f, 3f, 2f, 3f}), LONG_DASH(new float[] {14f, 5f}),
        DASH_DOT_DOT(new float[] {8f, 3f, 2f, 3f, 2f, 3f});

        private final float[] pattern;

        Dash(float[] pattern) {
            this.pattern = pattern;
        }

        public Stroke stroke(float width) {
            return pattern == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                    : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern.clone(), 0f);
        }
    }

    /** Marker shapes, in order of use (centred on the data point). */
    public enum Marker {
        CIRCLE, SQUARE, TRIANGLE, DIAMOND, TRIANGLE_DOWN, CROSS;

        public Shape shape(double size) {
            double h = size / 2;
            return switch (this) {
                case CIRCLE -> new Ellipse2D.Double(-h, -h, size, size);
                case SQUARE -> new Rectangle2D.Double(-h * 0.9, -h * 0.9, size * 0.9, size * 0.9);
                case TRIANGLE -> polygon(0, -h * 1.15, h * 1.1, h * 0.85, -h * 1.1, h * 0.85);
                case TRIANGLE_DOWN -> polygon(0, h * 1.15, h * 1.1, -h * 0.85, -h * 1.1, -h * 0.85);
                case DIAMOND -> polygon(0, -h * 1.2, h * 1.2, 0, 0, h * 1.2, -h * 1.2, 0);
                case CROSS -> polygon(-h, -h * 0.4, -h * 0.4, -h * 0.4, -h * 0.4, -h, h * 0.4, -h, h * 0.4, -h * 0.4,
                        h, -h * 0.4, h, h * 0.4, h * 0.4, h * 0.4, h * 0.4, h, -h * 0.4, h, -h * 0.4, h * 0.4,
                        -h, h * 0.4);
            };
        }

        private static Shape polygon(double... xy) {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                p.lineTo(xy[i], xy[i + 1]);
            }
            p.closePath();
            return p;
        }
    }

    /** The i-th style of a chart with one run: colour, dash and marker all change. */
    public static SeriesStyle nth(int i) {
        return new SeriesStyle(color(i), Dash.values()[Math.floorMod(i, Dash.values().length)],
                Marker.values()[Math.floorMod(i, Marker.values().length)]);
    }

    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The same dash and marker in another colour (runs overlaid: colour = run, pattern = series). */
    public SeriesStyle withColor(Color c) {
        return new SeriesStyle(c, dash, marker);
    }
}
