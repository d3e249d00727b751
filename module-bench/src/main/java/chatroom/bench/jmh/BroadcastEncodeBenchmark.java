package chatroom.bench.jmh;

import chatroom.protocol.Name;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import chatroom.protocol.Text;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/// The broadcast path in memory: one chat message for `recipients` members, each handed the
/// bytes of its frame, either encoded once and shared (what the server does) or encoded
/// again for every recipient. Half the recipients are structured, half plain.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastEncodeBenchmark {

    @Param("1000")
    public int recipients;

    private final ServerFrame.Chat chat = new ServerFrame.Chat(1_732_000_000_000_001L,
            Instant.parse("2026-11-24T00:55:38.559Z"), new Name("alice"), "hello everyone, how is the benchmark going?");
    private byte[][] queues;

    @Setup
    public void setUp() {
        queues = new byte[recipients][];
    }

    @Benchmark
    public byte[][] encodeOnce() {
        byte[] structured = Text.frameBytes(ServerFrames.encode(chat));
        byte[] plain = Text.frameBytes(PlainText.render(chat).orElseThrow());
        for (int i = 0; i < recipients; i++) {
            queues[i] = (i & 1) == 0 ? structured : plain;
        }
        return queues;
    }

    @Benchmark
    public byte[][] encodePerRecipient() {
        for (int i = 0; i < recipients; i++) {
            queues[i] = (i & 1) == 0
                    ? Text.frameBytes(ServerFrames.encode(chat))
                    : Text.frameBytes(PlainText.render(chat).orElseThrow());
        }
        return queues;
    }
}
