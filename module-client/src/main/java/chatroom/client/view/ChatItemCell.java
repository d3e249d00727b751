package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/// One row of the message list: a message (avatar, sender, time, text), a notice, or a day
/// separator. The look comes from style classes set on the cell (`message`, `own`,
/// `mention`, `notice`, `presence`, `connection`, `error`, `day`), so the stylesheet decides.
///
/// The text wraps at the list's width: the cell asks for no width of its own, and the text's
/// width follows the list's. Cells are reused as the list scrolls, so every node is made
/// once per cell.
final class ChatItemCell extends ListCell<ChatItem> {

    /// Horizontal space around a message's text: avatar, gaps, paddings and the scroll bar.
    private static final double TEXT_INSET = 92;
    private static final int AVATAR_COLOURS = 8;
    private static final List<String> KINDS = List.of("message", "own", "mention", "notice", "presence",
            "connection", "error", "day");

    private final Label avatarLetter = new Label();
    private final StackPane avatar = new StackPane(avatarLetter);
    private final Label sender = new Label();
    private final Label messageTime = new Label();
    private final Label text = new Label();
    private final HBox message;

    private final Label noticeText = new Label();
    private final Label noticeTime = new Label();
    private final HBox notice;

    private final Label dayLabel = new Label();
    private final HBox day;

    ChatItemCell(ObservableDoubleValue listWidth) {
        setPrefWidth(0);
        getStyleClass().add("chat-item");

        avatar.getStyleClass().add("avatar");
        avatar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        sender.getStyleClass().add("sender");
        messageTime.getStyleClass().add("time");
        text.getStyleClass().add("message-text");
        text.setWrapText(true);
        text.prefWidthProperty().bind(Bindings.max(40,
                Bindings.subtract(listWidth, TEXT_INSET)));
        var header = new HBox(8, sender, messageTime);
        header.setAlignment(Pos.CENTER_LEFT);
        var body = new VBox(2, header, text);
        message = new HBox(10, avatar, body);
        message.setAlignment(Pos.TOP_LEFT);

        noticeText.getStyleClass().add("notice-text");
        noticeText.setWrapText(true);
        noticeText.maxWidthProperty().bind(Bindings.subtract(listWidth, TEXT_INSET));
        noticeTime.getStyleClass().add("time");
        notice = new HBox(8, noticeText, noticeTime);
        notice.setAlignment(Pos.CENTER);

        dayLabel.getStyleClass().add("day-label");
        day = new HBox(10, rule(), dayLabel, rule());
        day.setAlignment(Pos.CENTER);
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
            case ChatItem.Notice n -> showNotice(n);
            case ChatItem.DaySeparator d -> {
                getStyleClass().add("day");
                dayLabel.setText(d.label());
                yield day;
            }
        });
    }

    private Node showMessage(ChatItem.Message m) {
        getStyleClass().add("message");
        if (m.own()) {
            getStyleClass().add("own");
        }
        if (m.mention()) {
            getStyleClass().add("mention");
        }
        avatarLetter.setText(m.sender().substring(0, m.sender().offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT));
        avatar.getStyleClass().removeIf(style -> style.startsWith("avatar-"));
        avatar.getStyleClass().add("avatar-" + Math.floorMod(m.sender().toLowerCase(Locale.ROOT).hashCode(), AVATAR_COLOURS));
        sender.setText(m.sender());
        messageTime.setText(m.time());
        text.setText(m.text());
        return message;
    }

    private Node showNotice(ChatItem.Notice n) {
        getStyleClass().addAll("notice", switch (n.kind()) {
            case PRESENCE -> "presence";
            case CONNECTION -> "connection";
            case ERROR -> "error";
        });
        noticeText.setText(n.text());
        noticeTime.setText(n.time());
        return notice;
    }

    private static Region rule() {
        var rule = new Region();
        rule.getStyleClass().add("day-rule");
        HBox.setHgrow(rule, Priority.ALWAYS);
        return rule;
    }
}
