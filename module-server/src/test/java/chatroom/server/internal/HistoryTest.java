package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("history")
class HistoryTest {

    private static ServerFrame.Chat chat(long id) {
        return new ServerFrame.Chat(id, Instant.EPOCH, new Name("bob"), "message " + id);
    }

    @Test
    @DisplayName("keeps the last messages, oldest first")
    void keepsTheLast() {
        var history = new History(3);
        for (long id = 1; id <= 5; id++) {
            history.add(chat(id));
        }
        assertThat(history.after(Long.MIN_VALUE)).extracting(ServerFrame.Chat::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    @DisplayName("gives only what came after an id")
    void afterAnId() {
        var history = new History(10);
        for (long id = 1; id <= 4; id++) {
            history.add(chat(id));
        }
        assertThat(history.after(2)).extracting(ServerFrame.Chat::id).containsExactly(3L, 4L);
        assertThat(history.after(4)).isEmpty();
    }

    @Test
    @DisplayName("of size 0 keeps nothing")
    void none() {
        var history = new History(0);
        history.add(chat(1));
        assertThat(history.after(Long.MIN_VALUE)).isEmpty();
    }
}
