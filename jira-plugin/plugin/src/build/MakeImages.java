import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws FlowTrack's app and vendor images (the plugin-icon/-logo/-banner and vendor-icon/-logo params of
 * atlassian-plugin.xml and the logo/banner of atlassian-plugin-marketing.xml) with Java2D. The PNGs are committed
 * under src/main/resources/images/; run again after changing the drawing:
 *   java jira-plugin/plugin/src/build/MakeImages.java jira-plugin/plugin/src/main/resources/images
 * The motif is a cumulative flow diagram: three stacked bands (done, in progress, to do) on a rounded tile.
 */
public class MakeImages {
    static final Color TILE_TOP = new Color(0x0C66E4);
    static final Color TILE_BOTTOM = new Color(0x09326C);
    static final Color[] BANDS = {new Color(0x4BCE97), new Color(0xF5CD47), new Color(0xFFFFFF)};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "images");
        Files.createDirectories(dir);
        write(tile(16), dir.resolve("pluginIcon.png"));
        write(tile(144), dir.resolve("pluginLogo.png"));
        write(tile(16), dir.resolve("vendorIcon.png"));
        write(tile(72), dir.resolve("vendorLogo.png"));
        write(banner(1120, 548), dir.resolve("pluginBanner.png"));
    }

    static BufferedImage tile(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        drawTile(g, 0, 0, size);
        g.dispose();
        return image;
    }

    static void drawTile(Graphics2D g, double x, double y, double size) {
        double arc = size * 0.28;
        RoundRectangle2D tile = new RoundRectangle2D.Double(x, y, size, size, arc, arc);
        g.setPaint(new GradientPaint((float) x, (float) y, TILE_TOP, (float) x, (float) (y + size), TILE_BOTTOM));
        g.fill(tile);
        g.setClip(tile);
        double left = x + size * 0.14;
        double right = x + size * 0.86;
        double bottom = y + size * 0.84;
        // cumulative tops of the bands at five points in time (fractions of the tile, from the bottom)
        double[][] tops = {
                {0.06, 0.14, 0.24, 0.36, 0.48},
                {0.20, 0.30, 0.42, 0.52, 0.62},
                {0.30, 0.42, 0.54, 0.64, 0.72}};
        for (int band = tops.length - 1; band >= 0; band--) {
            Path2D.Double area = new Path2D.Double();
            area.moveTo(left, bottom);
            for (int i = 0; i < tops[band].length; i++) {
                double px = left + (right - left) * i / (tops[band].length - 1);
                area.lineTo(px, bottom - size * tops[band][i]);
            }
            area.lineTo(right, bottom);
            area.closePath();
            g.setColor(BANDS[band]);
            g.fill(area);
        }
        g.setClip(null);
        if (size >= 32) {
            g.setColor(new Color(255, 255, 255, 90));
            g.setStroke(new BasicStroke((float) Math.max(1, size / 48)));
            g.draw(new java.awt.geom.Line2D.Double(left, bottom, right, bottom));
        }
    }

    static BufferedImage banner(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, new Color(0xF7F8F9), 0, height, new Color(0xE9F2FF)));
        g.fillRect(0, 0, width, height);
        drawTile(g, 90, (height - 300) / 2.0, 300);
        g.setColor(new Color(0x172B4D));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 76));
        g.drawString("FlowTrack", 450, 230);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString("Flow metrics for Jira Data Center", 450, 300);
        g.setColor(new Color(0x44546F));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString("Cycle time, throughput, WIP, aging, CFD,", 450, 370);
        g.drawString("Monte Carlo forecasts from change history", 450, 412);
        g.dispose();
        return image;
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    static void write(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
