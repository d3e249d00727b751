package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.Links;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.WARNING;

/// One row of the message list: a message (avatar, sender, time, text; or only the text when
/// it continues its sender's group, its time shown on hover), an action ("bob waves", in
/// italics), a notice (presence, connection, error, topic, moderation), a day separator, or
/// the unread marker. The look comes from style classes set on the cell (`message`,
/// `continued`, `own`, `mention`, `action`, `notice`, `presence`, `connection`, `error`,
/// `topic`, `moderation`, `day`, `unread`), so the stylesheet decides.
///
/// Text is a [TextFlow] of [Text] and [Hyperlink] nodes (links found by [Links]; in notices,
/// only in topics); a click on a link hands its URI to `openLink`. The text wraps at the
/// list's width: the cell asks for no width of its own, and the text's width follows the
/// list's. Cells are reused as the list scrolls: every node but a link is made once per cell,
/// and a row without links reuses the cell's one text node.
final class ChatItemCell extends ListCell<ChatItem> {

    /// Horizontal space around a message's text: avatar, gaps, paddings and the scroll bar.
    private static final double TEXT_INSET = 92;
    private static final int AVATAR_COLOURS = 8;
    private static final List<String> KINDS = List.of("message", "continued", "own", "mention", "action", "notice",
            "presence", "connection", "error", "topic", "moderation", "day", "unread");
    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final Consumer<String> openLink;

    private final Label avatarLetter = new Label();
    private final StackPane avatar = new StackPane(avatarLetter);
    /// The time of a row without header, in the avatar's column, shown while the mouse is on it.
    private final Label hoverTime = new Label();
    private final StackPane leftColumn = new StackPane();
    private final Label sender = new Label();
    private final Label messageTime = new Label();
    private final HBox header;
    private final TextFlow text = new TextFlow();
    private final Text plainText = chatText();
    private final Text actionSender = new Text();
    private final HBox message;

    private final TextFlow noticeText = new TextFlow();
    private final Text plainNotice = chatText();
    private final Label noticeTime = new Label();
    private final HBox notice;

    private final Label dayLabel = new Label();
    private final HBox day;

    private final Label unreadLabel = new Label();
    private final HBox unread;

    /// A cell whose links open through `openLink` (given the URI, always `http`, `https` or
    /// `mailto`: the application passes `HostServices::showDocument`).
    ChatItemCell(ObservableDoubleValue listWidth, Consumer<String> openLink) {
        this.openLink = Objects.requireNonNull(openLink, "openLink");
        setPrefWidth(0);
        getStyleClass().add("chat-item");

        avatar.getStyleClass().add("avatar");
        avatar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        hoverTime.getStyleClass().addAll("time", "hover-time");
        hoverTime.visibleProperty().bind(hoverProperty());
        leftColumn.getStyleClass().add("left-column");
        leftColumn.setAlignment(Pos.TOP_CENTER);
        sender.getStyleClass().add("sender");
        messageTime.getStyleClass().add("time");
        actionSender.getStyleClass().addAll("chat-text", "action-sender");
        text.getStyleClass().add("message-text");
        text.prefWidthProperty().bind(Bindings.max(40, Bindings.subtract(listWidth, TEXT_INSET)));
        header = new HBox(8, sender, messageTime);
        header.setAlignment(Pos.BASELINE_LEFT);
        var body = new VBox(2, header, text);
        message = new HBox(10, leftColumn, body);
        message.setAlignment(Pos.TOP_LEFT);

        noticeText.getStyleClass().add("notice-text");
        noticeText.setTextAlignment(TextAlignment.CENTER);
        noticeText.maxWidthProperty().bind(Bindings.max(40, Bindings.subtract(listWidth, TEXT_INSET)));
        noticeTime.getStyleClass().add("time");
        noticeTime.setMinWidth(Region.USE_PREF_SIZE);
        notice = new HBox(8, noticeText, noticeTime);
        notice.getStyleClass().add("notice-row");
        notice.setAlignment(Pos.CENTER);

        dayLabel.getStyleClass().add("day-label");
        day = new HBox(10, rule("day-rule"), dayLabel, rule("day-rule"));
        day.setAlignment(Pos.CENTER);

        unreadLabel.getStyleClass().add("unread-label");
        unreadLabel.setMinWidth(Region.USE_PREF_SIZE);
        unread = new HBox(8, rule("unread-rule"), unreadLabel);
        unread.setAlignment(Pos.CENTER);
    }

    /// A cell whose links only say, in the log, that they cannot be opened: for a view that
    /// was given no way to open them.
    ChatItemCell(ObservableDoubleValue listWidth) {
        this(listWidth, uri -> LOG.log(WARNING, "No browser to open {0}", uri));
    }

    @Override
    protected void updateItem(ChatItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll(KINDS);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        setGraphic(switch (item) {
            case ChatItem.Message m -> showMessage(m);
            case ChatItem.Action a -> showAction(a);
            case ChatItem.Notice n -> showNotice(n);
            case ChatItem.DaySeparator d -> {
                getStyleClass().add("day");
                dayLabel.setText(d.label());
                yield day;
            }
            case ChatItem.UnreadMarker u -> {
                getStyleClass().add("unread");
                unreadLabel.setText(u.label());
                yield unread;
            }
        });
    }

    private Node showMessage(ChatItem.Message m) {
        styleAs("message", m.own(), m.mention());
        if (m.continued()) {
            getStyleClass().add("continued");
            compact(m.time());
        } else {
            leftColumn.getChildren().setAll(avatar);
            header.setVisible(true);
            header.setManaged(true);
            avatarLetter.setText(m.sender().substring(0, m.sender().offsetByCodePoints(0, 1))
                    .toUpperCase(Locale.ROOT));
            avatar.getStyleClass().removeIf(style -> style.startsWith("avatar-"));
            avatar.getStyleClass().add("avatar-" + colour(m.sender()));
            sender.setText(m.sender());
            messageTime.setText(m.time());
        }
        fill(text, plainText, List.of(), Links.split(m.text()));
        return message;
    }

    private Node showAction(ChatItem.Action a) {
        styleAs("action", a.own(), a.mention());
        compact(a.time());
        actionSender.setText(a.sender() + " ");
        fill(text, plainText, List.of(actionSender), Links.split(a.text()));
        return message;
    }

    private Node showNotice(ChatItem.Notice n) {
        getStyleClass().addAll("notice", switch (n.kind()) {
            case PRESENCE -> "presence";
            case CONNECTION -> "connection";
            case ERROR -> "error";
            case TOPIC -> "topic";
            case MODERATION -> "moderation";
        });
        // Only a topic holds text somebody typed: other notices are ours and hold no links.
        fill(noticeText, plainNotice, List.of(), n.kind() == ChatItem.NoticeKind.TOPIC
                ? Links.split(n.text()) : List.of(new Links.Plain(n.text())));
        noticeTime.setText(n.time());
        return notice;
    }

    private void styleAs(String kind, boolean own, boolean mention) {
        getStyleClass().add(kind);
        if (own) {
            getStyleClass().add("own");
        }
        if (mention) {
            getStyleClass().add("mention");
        }
    }

    /// No header: the time in the avatar's column, shown on hover.
    private void compact(String time) {
        leftColumn.getChildren().setAll(hoverTime);
        header.setVisible(false);
        header.setManaged(false);
        hoverTime.setText(time);
    }

    /// Puts `lead` and then `segments` into `flow`: a lone plain piece reuses `plain`, links
    /// become [Hyperlink]s.
    private void fill(TextFlow flow, Text plain, List<Node> lead, List<Links.Segment> segments) {
        if (segments.size() <= 1 && (segments.isEmpty() || segments.getFirst() instanceof Links.Plain)) {
            plain.setText(segments.isEmpty() ? "" : segments.getFirst().text());
            if (lead.isEmpty() && flow.getChildren().size() == 1 && flow.getChildren().getFirst() == plain) {
                return;
            }
            List<Node> nodes = new ArrayList<>(lead);
            nodes.add(plain);
            flow.getChildren().setAll(nodes);
            return;
        }
        List<Node> nodes = new ArrayList<>(lead);
        for (Links.Segment segment : segments) {
            nodes.add(switch (segment) {
                case Links.Plain p -> {
                    Text piece = chatText();
                    piece.setText(p.text());
                    yield piece;
                }
                case Links.Link l -> link(l, flow == text ? text.prefWidthProperty() : noticeText.maxWidthProperty());
            });
        }
        flow.getChildren().setAll(nodes);
    }

    /// A link at most `width` wide (a longer one is cut short with an ellipsis: a flow lays out
    /// a node at its preferred width, and a link does not wrap).
    private Hyperlink link(Links.Link segment, ReadOnlyDoubleProperty width) {
        var link = new FittingLink(segment.text());
        link.maxWidthProperty().bind(width);
        link.getStyleClass().add("message-link");
        // The input keeps the keyboard: Tab does not wander through the links of the list.
        link.setFocusTraversable(false);
        link.setMinWidth(0);
        String uri = segment.uri().toString();
        link.setOnAction(event -> openLink.accept(uri));
        return link;
    }

    private static Text chatText() {
        var text = new Text();
        text.getStyleClass().add("chat-text");
        return text;
    }

    private static int colour(String name) {
        return Math.floorMod(name.toLowerCase(Locale.ROOT).hashCode(), AVATAR_COLOURS);
    }

    private static Region rule(String style) {
        var rule = new Region();
        rule.getStyleClass().add(style);
        HBox.setHgrow(rule, Priority.ALWAYS);
        return rule;
    }

    /// A link no wider than its maximum width, which a text flow otherwise ignores.
    private static final class FittingLink extends Hyperlink {
        FittingLink(String text) {
            super(text);
        }

        @Override
        protected double computePrefWidth(double height) {
            return Math.min(super.computePrefWidth(height), getMaxWidth());
        }
    }
}
