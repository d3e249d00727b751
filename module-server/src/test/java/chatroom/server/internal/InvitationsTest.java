package chatroom.server.internal;

import chatroom.protocol.Name;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a room's invitations")
class InvitationsTest {

    private final Invitations invitations = new Invitations();

    @Test
    @DisplayName("by name, ignoring case; used up once removed")
    void byName() {
        invitations.add(new Name("Bob"));
        assertThat(invitations.has(new Name("bob"))).isTrue();
        invitations.remove(new Name("BOB"));
        assertThat(invitations.has(new Name("bob"))).isFalse();
    }

    @Test
    @DisplayName("at most MAX: a new one pushes out the oldest, and inviting again makes one the newest")
    void bounded() {
        for (int i = 0; i < Invitations.MAX; i++) {
            invitations.add(new Name("n" + i));
        }
        invitations.add(new Name("n0"));
        invitations.add(new Name("late"));

        assertThat(invitations.has(new Name("n0"))).isTrue();
        assertThat(invitations.has(new Name("n1"))).isFalse();
        assertThat(invitations.has(new Name("n2"))).isTrue();
        assertThat(invitations.has(new Name("late"))).isTrue();
    }
}
