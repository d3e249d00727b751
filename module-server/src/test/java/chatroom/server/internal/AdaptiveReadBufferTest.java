package chatroom.server.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveReadBufferTest {

    @Test
    void startsSmallGrowsWhileReadsFillItAndShrinksBack() {
        var buffer = new AdaptiveReadBuffer();
        assertThat(buffer.forRead().remaining()).isEqualTo(AdaptiveReadBuffer.MIN_BYTES);
        for (int i = 0; i < 20; i++) {
            buffer.read(buffer.forRead().remaining());
        }
        assertThat(buffer.capacity()).isEqualTo(AdaptiveReadBuffer.MAX_BYTES);
        buffer.read(1000);
        assertThat(buffer.capacity()).isEqualTo(AdaptiveReadBuffer.MAX_BYTES);
        buffer.read(20);
        assertThat(buffer.capacity()).isEqualTo(AdaptiveReadBuffer.MIN_BYTES);
    }

    @Test
    void aReadThatDoesNotFillItKeepsTheSize() {
        var buffer = new AdaptiveReadBuffer();
        buffer.read(AdaptiveReadBuffer.MIN_BYTES - 1);
        assertThat(buffer.capacity()).isEqualTo(AdaptiveReadBuffer.MIN_BYTES);
        assertThat(buffer.forRead().position()).isZero();
    }

    @Test
    void aReleasedBufferIsDroppedAndTheNextReadStartsSmall() {
        var buffer = new AdaptiveReadBuffer();
        for (int i = 0; i < 20; i++) {
            buffer.read(buffer.forRead().remaining());
        }
        var grown = buffer.forRead();
        assertThat(grown.capacity()).isEqualTo(AdaptiveReadBuffer.MAX_BYTES);
        buffer.release();
        assertThat(buffer.capacity()).isEqualTo(AdaptiveReadBuffer.MIN_BYTES);
        var next = buffer.forRead();
        assertThat(next).isNotSameAs(grown);
        assertThat(next.remaining()).isEqualTo(AdaptiveReadBuffer.MIN_BYTES);
    }
}
