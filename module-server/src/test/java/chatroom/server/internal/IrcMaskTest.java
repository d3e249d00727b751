package chatroom.server.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC wildcard masks")
class IrcMaskTest {

    @Test
    @DisplayName("* matches any run, none included; ? any one character")
    void wildcards() {
        assertThat(IrcMask.matches("#r*", "#rust")).isTrue();
        assertThat(IrcMask.matches("#r*", "#r")).isTrue();
        assertThat(IrcMask.matches("#r*t", "#rust")).isTrue();
        assertThat(IrcMask.matches("#r*t", "#rusty")).isFalse();
        assertThat(IrcMask.matches("b?b", "bob")).isTrue();
        assertThat(IrcMask.matches("b?b", "bb")).isFalse();
        assertThat(IrcMask.matches("*", "")).isTrue();
        assertThat(IrcMask.matches("*a*b*", "xxaxxbxx")).isTrue();
        assertThat(IrcMask.matches("*a*b*", "xxbxxaxx")).isFalse();
    }

    @Test
    @DisplayName("letters match ignoring ASCII case; without a wildcard a mask is the text itself")
    void caseAndExact() {
        assertThat(IrcMask.matches("#GO", "#go")).isTrue();
        assertThat(IrcMask.matches("alice", "ALICE")).isTrue();
        assertThat(IrcMask.matches("alice", "alice2")).isFalse();
        assertThat(IrcMask.isWildcard("alice")).isFalse();
        assertThat(IrcMask.isWildcard("al?ce")).isTrue();
    }
}
