package chatroom.client.view;

import chatroom.client.viewmodel.Notification;

import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

/// The one class that uses AWT: an icon in the system tray that shows notifications as its
/// messages ("balloons"). Loaded only by [DesktopNotifier]'s thread, at the first
/// notification, so nothing else ever loads AWT.
///
/// Only [DesktopNotifier]'s thread calls it (AWT's calls are thread-safe; they are kept off
/// the FX thread because they may block on the desktop).
final class TrayBalloon implements DesktopNotifier.Tray {

    /// The accent of the light theme: the icon is the app's speech bubble.
    private static final Color ACCENT = new Color(0x4f, 0x46, 0xe5);

    private final SystemTray systemTray;
    private final TrayIcon icon;

    private TrayBalloon(SystemTray systemTray, TrayIcon icon) {
        this.systemTray = systemTray;
        this.icon = icon;
    }

    /// An icon in the tray, or nothing when the desktop has no tray.
    ///
    /// @param tooltip what the icon says when pointed at
    /// @param clicked run on AWT's thread when the icon or one of its messages is clicked
    /// @throws IllegalStateException when the tray refuses the icon; and anything AWT throws
    ///         (`HeadlessException`, `AWTError`, `UnsatisfiedLinkError`, …), which
    ///         [DesktopNotifier] catches
    static Optional<DesktopNotifier.Tray> open(String tooltip, Runnable clicked) {
        if (!SystemTray.isSupported()) {
            return Optional.empty();
        }
        SystemTray tray = SystemTray.getSystemTray();
        var icon = new TrayIcon(image(tray.getTrayIconSize()), tooltip);
        icon.setImageAutoSize(true);
        // A click on a message (Windows, macOS) or a double click on the icon.
        icon.addActionListener(event -> clicked.run());
        // A single click on the icon, where the desktop gives no action for it (most of Linux).
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getButton() == MouseEvent.BUTTON1 && event.getClickCount() == 1) {
                    clicked.run();
                }
            }
        });
        try {
            tray.add(icon);
        } catch (AWTException e) {
            throw new IllegalStateException("the system tray refused the icon", e);
        }
        return Optional.of(new TrayBalloon(tray, icon));
    }

    @Override
    public void show(Notification notification) {
        icon.displayMessage(notification.title(), notification.text(), TrayIcon.MessageType.INFO);
    }

    @Override
    public void remove() {
        systemTray.remove(icon);
    }

    /// A speech bubble in the accent colour, drawn rather than loaded, so no image file is
    /// needed in the image.
    private static BufferedImage image(Dimension size) {
        int width = Math.max(16, size.width);
        int height = Math.max(16, size.height);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float w = width;
            float h = height;
            g.setColor(ACCENT);
            g.fill(new RoundRectangle2D.Float(w * 0.08f, h * 0.12f, w * 0.84f, h * 0.62f, w * 0.3f, h * 0.3f));
            g.fillPolygon(new int[] {(int) (w * 0.25f), (int) (w * 0.5f), (int) (w * 0.22f)},
                    new int[] {(int) (h * 0.7f), (int) (h * 0.7f), (int) (h * 0.92f)}, 3);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1f, w / 12f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int y1 = (int) (h * 0.36f);
            int y2 = (int) (h * 0.52f);
            g.drawLine((int) (w * 0.26f), y1, (int) (w * 0.74f), y1);
            g.drawLine((int) (w * 0.26f), y2, (int) (w * 0.6f), y2);
        } finally {
            g.dispose();
        }
        return image;
    }
}
