package chatroom.bench.jmh;

import chatroom.protocol.ClientFrames;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/// The protocol codec on its hot paths: encoding a chat frame, splitting a line off a byte
/// stream, decoding a client's `SAY`.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private final ServerFrame.Chat chat = new ServerFrame.Chat(1_732_000_000_000_001L,
            Instant.parse("2026-11-24T00:55:38.559Z"), new Name("alice"), "hello everyone, how is the benchmark going?");
    private final byte[] line = "MSG id=1732000000000001 ts=2026-11-24T00:55:38.559Z from=alice :hello everyone, how is the benchmark going?\n"
            .getBytes(StandardCharsets.UTF_8);
    private final ByteBuffer input = ByteBuffer.wrap(line);
    private final LineDecoder decoder = new LineDecoder();
    private final String say = "SAY :hello everyone, how is the benchmark going?";

    @Benchmark
    public String encodeChat() {
        return ServerFrames.encode(chat);
    }

    @Benchmark
    public void decodeLine(Blackhole hole) {
        input.clear();
        decoder.decode(input, hole::consume);
    }

    @Benchmark
    public Parsed<?> decodeSay() {
        return ClientFrames.decode(say);
    }
}
