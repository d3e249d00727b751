package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IrcBatch, and the client-only tags IrcLines passes on")
class IrcBatchTest {

    private static final String SERVER = "irc.test";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final IrcLines LINES = new IrcLines(new IrcServer(SERVER, "chatroom", "chatroom/1.0", NOW,
            List.of(), 50, false), () -> new IrcCensus(0, 0, 0, 1, 0));
    private static final IrcForm TAGS = new IrcForm(false, true, false, false, false, false, false, true, true);

    /// The reference of a batch whose opening line is `opening` (`…BATCH +ref …`).
    private static String reference(String opening) {
        String after = opening.substring(opening.indexOf("BATCH +") + "BATCH +".length());
        return after.contains(" ") ? after.substring(0, after.indexOf(' ')) : after;
    }

    @Test
    @DisplayName("a batch opens, tags each line, closes; a line of an inner batch keeps its own tag")
    void wrap() {
        List<String> inner = IrcBatch.wrap(SERVER, "chathistory", List.of("#c"), List.of(":a!a@h PRIVMSG #c :hi"));
        List<String> outer = IrcBatch.wrap(SERVER, "labeled-response", List.of(),
                List.of(":irc.test NOTICE a :first", inner.get(0), inner.get(1), inner.get(2)));
        String in = reference(inner.getFirst());
        String out = reference(outer.getFirst());
        assertThat(in).isNotEqualTo(out).matches("[a-z0-9]+");
        assertThat(outer).containsExactly(
                ":irc.test BATCH +" + out + " labeled-response",
                "@batch=" + out + " :irc.test NOTICE a :first",
                "@batch=" + out + " :irc.test BATCH +" + in + " chathistory #c",
                "@batch=" + in + " :a!a@h PRIVMSG #c :hi",
                "@batch=" + out + " :irc.test BATCH -" + in,
                ":irc.test BATCH -" + out);
    }

    @Test
    @DisplayName("a labeled reply: ACK for none, the label on one line, on a single batch, or a labeled-response batch")
    void labeled() {
        assertThat(IrcBatch.labeled(SERVER, "a b", List.of())).containsExactly("@label=a\\sb :irc.test ACK");
        assertThat(IrcBatch.labeled(SERVER, "x", List.of("@time=t :irc.test PONG irc.test k")))
                .containsExactly("@label=x;time=t :irc.test PONG irc.test k");
        List<String> history = IrcBatch.wrap(SERVER, "chathistory", List.of("#c"), List.of(":a!a@h PRIVMSG #c :1",
                ":a!a@h PRIVMSG #c :2"));
        List<String> labeledHistory = IrcBatch.labeled(SERVER, "h", history);
        assertThat(labeledHistory).hasSize(4);
        assertThat(labeledHistory.getFirst()).isEqualTo("@label=h " + history.getFirst());
        assertThat(labeledHistory.subList(1, 4)).isEqualTo(history.subList(1, 4));
        List<String> several = IrcBatch.labeled(SERVER, "j", List.of(":a!a@h JOIN #c", ":irc.test 366 a #c :End"));
        assertThat(several).hasSize(4);
        assertThat(several.getFirst()).startsWith("@label=j :irc.test BATCH +").endsWith(" labeled-response");
        assertThat(several.get(1)).startsWith("@batch=").endsWith(":a!a@h JOIN #c");
    }

    @Test
    @DisplayName("a label is used only if it has 1 to 64 bytes")
    void usableLabel() {
        assertThat(IrcBatch.usableLabel("x".repeat(64))).isTrue();
        assertThat(IrcBatch.usableLabel("é".repeat(33))).isFalse();
        assertThat(IrcBatch.usableLabel("")).isFalse();
    }

    @Test
    @DisplayName("client-only tags follow the server's tags, for members with message-tags only")
    void clientTags() {
        var chat = new ServerFrame.Chat(7, NOW, new Name("ann"), "re");
        var frame = new ServerFrame.InRoom(RoomName.of("#c"), chat);
        assertThat(LINES.broadcast(frame, TAGS, "+draft/reply=3")).containsExactly(
                "@msgid=7;+draft/reply=3 :ann!ann@irc.test PRIVMSG #c :re");
        assertThat(LINES.broadcast(frame, IrcForm.NONE, "+draft/reply=3")).containsExactly(
                ":ann!ann@irc.test PRIVMSG #c :re");
        assertThat(LINES.tagOnly(new Name("ann"), "#c", NOW, "+typing=active", TAGS))
                .isEqualTo("@+typing=active :ann!ann@irc.test TAGMSG #c");
        assertThat(LINES.history(chat, "#c", TAGS)).containsExactly("@msgid=7 :ann!ann@irc.test PRIVMSG #c :re");
    }
}
