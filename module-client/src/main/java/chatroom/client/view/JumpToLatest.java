package chatroom.client.view;

import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/// A list that follows its newest row, with a floating "↓ 3 new messages" button over its
/// bottom while the person reads older rows and new ones have arrived; the button scrolls
/// to the newest row and follows again. FX thread only.
final class JumpToLatest<T> {

    private final StackPane root;
    private final FollowBottom<T> follower;

    JumpToLatest(ListView<T> list, Texts texts) {
        follower = FollowBottom.install(list);
        var jump = new Button();
        jump.setId("jumpToLatest");
        jump.getStyleClass().add("jump-to-latest");
        jump.setFocusTraversable(false);
        jump.textProperty().bind(Bindings.createStringBinding(() -> {
            int unseen = follower.unseenProperty().get();
            return unseen == 1 ? texts.get("follow.jump.one") : texts.format("follow.jump.many", unseen);
        }, follower.unseenProperty()));
        jump.setOnAction(event -> follower.jumpToBottom());
        Views.showIf(jump, follower.followingProperty().not().and(follower.unseenProperty().greaterThan(0)));
        root = new StackPane(list, jump);
        root.getStyleClass().add("jump-to-latest-pane");
        StackPane.setAlignment(jump, Pos.BOTTOM_CENTER);
        StackPane.setMargin(jump, new Insets(0, 0, 14, 0));
    }

    Parent root() {
        return root;
    }

    /// The list's follower: the person's own message calls [FollowBottom#jumpToBottom()].
    FollowBottom<T> follower() {
        return follower;
    }
}
